// `field.publish-report`: the repair report of a completed work order, stored, archived and emailed.
// Sent once per work order (keyed by its id); pg-boss retries a failed attempt with a growing delay.
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { publishReport, recordReportFailure } from './report-service.ts';

export const publishReportJob = defineJob({
  name: 'field.publish-report',
  schema: z.object({ workOrderId: z.uuid() }),
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  async handler(data, deps) {
    const ctx = systemCtx(deps, 'field.publish-report');
    try {
      await publishReport(ctx, deps.blobStore, data.workOrderId);
    } catch (err) {
      deps.log.error({ err, workOrderId: data.workOrderId }, 'repair report not published');
      await recordReportFailure(ctx, data.workOrderId, err);
      throw err;
    }
  },
});
