// The figures of each report, gathered from the modules that own them (through their index.ts), never
// recomputed here: SLA compliance, breaches and MTTR from analytics' rollups (what the dashboard
// shows), the tickets module's counts by channel and kind, satisfaction from surveys, complaints from
// complaints, maintenance compliance from maintenance, early-warning alerts from quality, completed
// work from field. Periods are local days in the organisation's zone (ctx.timeZone).
import { TZDate } from '@date-fns/tz';
import { addDays, parseDate } from '../../../common/calendar-dates.ts';
import {
  periodDays,
  previousPeriod,
  type TReportFigures,
  type TReportKind,
  type TServiceFigures,
} from '../../../common/reports-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { slaDashboard, slaRecordsOf } from '../analytics/index.ts';
import { complaintSummaryOf } from '../complaints/index.ts';
import { workCompletedBetween } from '../field/index.ts';
import { complianceReport } from '../maintenance/index.ts';
import { alertsRaisedBetween } from '../quality/index.ts';
import { satisfactionReport } from '../surveys/index.ts';
import { projectTicketsBetween, ticketActivity } from '../tickets/index.ts';

/** Breached targets listed in a report (the total is in the SLA figures). */
export const BREACHES_LISTED = 20;
/** A project's tickets and work orders listed in its report. */
export const PROJECT_ROWS_LISTED = 50;
const TOP_FAULT_CLASSES = 10;

/** The instant a local day starts in the organisation's zone. */
export function dayStart(day: string, timeZone: string): Date {
  const { y, m, day: d } = parseDate(day);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** [start of `from`, start of the day after `to`) in the organisation's zone. */
export function instantsOf(days: { from: string; to: string }, timeZone: string) {
  return { from: dayStart(days.from, timeZone), to: dayStart(addDays(days.to, 1), timeZone) };
}

const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
const byCount = (m: Map<string, number>) =>
  [...m]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

async function serviceFigures(
  ctx: Ctx,
  reads: Executor,
  days: { from: string; to: string },
  months: { from: string; to: string } | null,
): Promise<TServiceFigures> {
  const { from, to } = instantsOf(days, ctx.timeZone);
  const [activity, dash, breaches, sat, complaints] = await Promise.all([
    ticketActivity(ctx.db, { from, to }),
    slaDashboard(ctx, reads, { ...days, granularity: 'month' }),
    slaRecordsOf(ctx, reads, { ...days, outcome: 'breached', limit: BREACHES_LISTED, offset: 0 }),
    satisfactionReport(ctx, { ...days, by: 'month' }),
    months ? complaintSummaryOf(ctx.db, months, ctx.timeZone) : null,
  ]);
  const channels = new Map<string, number>();
  const kinds = new Map<string, number>();
  for (const r of activity.byChannelKind) {
    channels.set(r.channel, (channels.get(r.channel) ?? 0) + r.count);
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + r.count);
  }
  const kind = (k: string) => kinds.get(k) ?? 0;
  const total = sum(activity.byChannelKind);
  return {
    tickets: {
      total,
      byChannel: byCount(channels),
      byKind: byCount(kinds),
      consultations: kind('consultation'),
      serviceRequests: total - kind('consultation') - kind('complaint'),
      complaints: kind('complaint'),
    },
    sla: {
      decided: dash.total.decided,
      met: dash.total.met,
      breached: dash.total.breached,
      compliancePercent: dash.total.compliancePercent,
      breachMinutes: dash.total.breachMinutes,
      targetPercent: dash.targetPercent,
    },
    slaByStage: dash.byMetric.map((m) => ({
      key: m.key ?? '',
      decided: m.decided,
      met: m.met,
      breached: m.breached,
      compliancePercent: m.compliancePercent,
      breachMinutes: m.breachMinutes,
    })),
    breaches: breaches.items.map((b) => ({
      ticketNumber: b.ticketNumber,
      subject: b.subject,
      customerName: b.customerName,
      metric: b.metric,
      dueAt: b.dueAt,
      breachMinutes: b.breachMinutes,
    })),
    mttrMinutes: dash.restore.total.mttrMinutes,
    restored: dash.restore.total.restored,
    satisfaction: {
      answers: sat.total.answers,
      satisfied: sat.total.satisfied,
      ratePercent: sat.total.ratePercent,
      targetPercent: sat.targetPercent,
    },
    complaints: complaints
      ? {
          total: complaints.total,
          open: complaints.open,
          upheld: complaints.upheld,
          handledOnTime: complaints.handledOnTime,
          handledLate: complaints.handledLate,
        }
      : { total: kind('complaint'), open: null, upheld: null, handledOnTime: null, handledLate: null },
    faultClasses: activity.faultClasses
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, TOP_FAULT_CLASSES),
  };
}

const quietService = (f: TServiceFigures) =>
  f.tickets.total === 0 &&
  f.sla.decided === 0 &&
  f.satisfaction.answers === 0 &&
  f.complaints.total === 0 &&
  f.restored === 0;

function maintenanceOf(r: Awaited<ReturnType<typeof complianceReport>>) {
  const t = r.total;
  return {
    due: t.due,
    onTime: t.onTime,
    late: t.late,
    missed: t.missed,
    open: t.open,
    onTimeRate: t.onTimeRate,
  };
}

/** The figures of a report and whether the period had no activity at all. */
export async function reportFigures(
  ctx: Ctx,
  reads: Executor,
  kind: TReportKind,
  period: string,
  projectId: string | null,
  customerId: string | null,
): Promise<{ figures: TReportFigures; empty: boolean }> {
  const days = periodDays(kind, period);
  if (kind === 'weekly') {
    const weekly = await serviceFigures(ctx, reads, days, null);
    return { figures: { weekly }, empty: quietService(weekly) };
  }
  const month = { from: period, to: period };
  if (kind === 'monthly') {
    const prev = previousPeriod('monthly', period);
    const { from, to } = instantsOf(days, ctx.timeZone);
    const [current, previous, maintenance, alerts] = await Promise.all([
      serviceFigures(ctx, reads, days, month),
      serviceFigures(ctx, reads, periodDays('monthly', prev), { from: prev, to: prev }),
      complianceReport(ctx, { ...month, groupBy: 'month' }),
      alertsRaisedBetween(ctx.db, from, to),
    ]);
    return {
      figures: { monthly: { current, previous, maintenance: maintenanceOf(maintenance), alerts } },
      empty: quietService(current) && maintenance.total.due === 0 && alerts.length === 0,
    };
  }
  // A customer's monthly service report of one project.
  const pid = projectId!;
  const { from, to } = instantsOf(days, ctx.timeZone);
  const [activity, list, dash, work, maintenance, sat] = await Promise.all([
    ticketActivity(ctx.db, { from, to, projectId: pid }),
    projectTicketsBetween(ctx.db, pid, from, to, PROJECT_ROWS_LISTED),
    slaDashboard(ctx, reads, {
      ...days,
      granularity: 'month',
      customerId: customerId ?? undefined,
      projectId: pid,
    }),
    workCompletedBetween(ctx.db, { from, to, projectId: pid }),
    complianceReport(ctx, { ...month, groupBy: 'month', projectId: pid }),
    satisfactionReport(ctx, { ...days, by: 'customer' }),
  ]);
  const kinds = new Map<string, number>();
  for (const r of activity.byChannelKind) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + r.count);
  const workKinds = new Map<string, number>();
  for (const w of work) workKinds.set(w.kind, (workKinds.get(w.kind) ?? 0) + 1);
  const mine = sat.rows.find((r) => r.key === customerId);
  const project = {
    tickets: { total: sum(activity.byChannelKind), byKind: byCount(kinds) },
    ticketList: list.map((t) => ({
      number: t.number,
      subject: t.subject,
      kind: t.kind,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
    })),
    sla: {
      decided: dash.total.decided,
      met: dash.total.met,
      breached: dash.total.breached,
      compliancePercent: dash.total.compliancePercent,
      breachMinutes: dash.total.breachMinutes,
      targetPercent: dash.targetPercent,
    },
    mttrMinutes: dash.restore.total.mttrMinutes,
    workOrders: {
      completed: work.length,
      byKind: byCount(workKinds),
      list: work.slice(0, PROJECT_ROWS_LISTED).map((w) => ({
        number: w.number,
        kind: w.kind,
        summary: w.summary,
        completedAt: w.completedAt.toISOString(),
      })),
    },
    maintenance: maintenanceOf(maintenance),
    satisfaction: {
      answers: mine?.answers ?? 0,
      satisfied: mine?.satisfied ?? 0,
      ratePercent: mine?.ratePercent ?? null,
      targetPercent: sat.targetPercent,
    },
  };
  return {
    figures: { project },
    empty:
      project.tickets.total === 0 &&
      project.sla.decided === 0 &&
      work.length === 0 &&
      maintenance.total.due === 0 &&
      project.satisfaction.answers === 0,
  };
}
