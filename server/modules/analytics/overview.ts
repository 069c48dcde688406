// The measures other modules already compute, gathered for the dashboard without a second definition:
// satisfaction (surveys' `satisfactionReport`), complaints and their hot spots (complaints'
// `complaintSummaryOf`), maintenance compliance (maintenance's `complianceReport`). Complaints and
// maintenance report whole months, so the overview covers the months of the period. Staff only: these
// reports are not confined to one customer.
import type { TAnalyticsOverview } from '../../../common/analytics-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { complaintSummaryOf } from '../complaints/index.ts';
import { complianceReport } from '../maintenance/index.ts';
import { satisfactionReport } from '../surveys/index.ts';

const TOP = 5;

export async function analyticsOverview(
  ctx: Ctx,
  q: { from: string; to: string },
): Promise<TAnalyticsOverview> {
  if (ctx.scope.kind === 'customer') throw forbidden('These figures are not confined to one organisation');
  const fromMonth = q.from.slice(0, 7);
  const toMonth = q.to.slice(0, 7);
  const satisfaction = await satisfactionReport(ctx, { from: q.from, to: q.to, by: 'month' });
  const complaints = await complaintSummaryOf(ctx.db, { from: fromMonth, to: toMonth }, ctx.timeZone);
  const maintenance = await complianceReport(ctx, { from: fromMonth, to: toMonth, groupBy: 'month' });
  return {
    fromMonth,
    toMonth,
    satisfaction: {
      answers: satisfaction.total.answers,
      satisfied: satisfaction.total.satisfied,
      ratePercent: satisfaction.total.ratePercent,
      targetPercent: satisfaction.targetPercent,
    },
    complaints: {
      total: complaints.total,
      open: complaints.open,
      upheld: complaints.upheld,
      handledOnTime: complaints.handledOnTime,
      handledLate: complaints.handledLate,
      byCategory: complaints.byCategory.slice(0, TOP),
      byProduct: complaints.byProduct.slice(0, TOP),
    },
    maintenance: {
      due: maintenance.total.due,
      onTime: maintenance.total.onTime,
      late: maintenance.total.late,
      missed: maintenance.total.missed,
      open: maintenance.total.open,
      onTimeRate: maintenance.total.onTimeRate,
    },
  };
}
