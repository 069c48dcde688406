// A submitted stock count waits for approval: the approvers (staff whose role holds stock.approve)
// are told, on the channels they chose for the kind, in the transaction of the submission.
import { rolesWith } from '../../../common/roles.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { sendNotices } from '../notifications/index.ts';
import * as repo from './count-repository.ts';

export async function notifyCountApprovers(
  tx: Executor,
  ctx: Ctx,
  count: { id: string; locationId: string; version: number; variances: number },
): Promise<void> {
  // The one who submitted knows; everyone else who may approve is told.
  const approvers = (await activeStaffIds(tx, rolesWith('stock.approve'))).filter(
    (id) => id !== ctx.principal.userId,
  );
  if (!approvers.length) return;
  const location = (await repo.locationName(tx, count.locationId)) ?? '';
  await sendNotices(tx, ctx, [
    {
      kind: 'parts.count-submitted',
      userIds: approvers,
      payload: { countId: count.id, locationName: location, variances: count.variances },
      render: (locale) =>
        locale.startsWith('en')
          ? {
              subject: `Stock count to approve: ${location}`,
              text: `The stock count of ${location} was submitted with ${count.variances} differences and waits for your approval.`,
            }
          : {
              subject: `盘点待审批：${location}`,
              text: `${location} 的盘点已提交，差异 ${count.variances} 项，等待您审批。`,
            },
      // One message per submission (a count is submitted once, at this version).
      dedupeKey: `parts.count-submitted:${count.id}:${count.version}`,
    },
  ]);
}
