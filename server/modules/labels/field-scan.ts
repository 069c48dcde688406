// The engineer's scan of a label at the visit: the code names the asset, field records the scan on
// the work order (evidence of presence beside the check-in).
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { recordEquipmentScan } from '../field/index.ts';
import * as repo from './repository.ts';

export async function scanWorkOrderLabel(ctx: Ctx, workOrderId: string, code: string) {
  const label = await repo.labelByCode(ctx.db, code);
  if (!label || label.revokedAt)
    throw invalidField('code', label ? 'this label has been replaced' : 'no such label');
  return recordEquipmentScan(ctx, workOrderId, label.assetId);
}
