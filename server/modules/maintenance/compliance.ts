// Maintenance compliance (issue 16): visits due, done on time, late, missed, per customer, project,
// engineer or month; and overdue visits flagged like SLA breaches — a warning before the due window
// closes and an escalation after, each told to the service managers once per visit and level.
import { addDays, type IsoDate, toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TComplianceQuery,
  TComplianceReport,
  TComplianceRow,
} from '../../../common/maintenance-tuning-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { activeStaffIds, userNames } from '../accounts/index.ts';
import { workOrderStates } from '../field/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { customerFacts, projectFacts } from '../registry/index.ts';
import * as repo from './compliance-repository.ts';
import { outcomeOf, type VisitOutcome, warningAt, windowClosesAt } from './compliance-rules.ts';
import { settingsOf } from './service.ts';

const lastDayOf = (month: string): IsoDate => addDays(`${addMonthText(month)}-01`, -1);
function addMonthText(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export interface ComplianceVisit {
  visitId: string;
  customerId: string;
  projectId: string;
  dueOn: IsoDate;
  engineerId: string | null;
  workOrderNumber: string;
  outcome: VisitOutcome;
}

/** Each visit due in the months asked, with how it counts. */
export async function complianceVisits(ctx: Ctx, q: TComplianceQuery): Promise<ComplianceVisit[]> {
  const settings = await settingsOf(ctx.db);
  const visits = await repo.visitsDueBetween(ctx.db, ctx.scope, {
    from: `${q.from}-01`,
    to: lastDayOf(q.to),
    customerId: q.customerId,
    projectId: q.projectId,
  });
  const states = await workOrderStates(
    ctx.db,
    visits.map((v) => v.workOrderId),
  );
  const now = ctx.clock.now();
  return visits
    .map((v) => {
      const state = states.get(v.workOrderId);
      return {
        visitId: v.id,
        customerId: v.customerId,
        projectId: v.projectId,
        dueOn: v.dueOn,
        engineerId: state?.engineerId ?? null,
        workOrderNumber: state?.number ?? '',
        outcome: outcomeOf(state, windowClosesAt(v.dueOn, settings.graceDays, ctx.timeZone), now),
      };
    })
    .filter((v) => !q.engineerId || v.engineerId === q.engineerId);
}

function emptyRow(key: string, label: string): TComplianceRow {
  return { key, label, due: 0, onTime: 0, late: 0, missed: 0, open: 0, onTimeRate: null };
}

function count(row: TComplianceRow, outcome: VisitOutcome) {
  row.due++;
  if (outcome === 'on_time') row.onTime++;
  else if (outcome === 'late') row.late++;
  else if (outcome === 'missed') row.missed++;
  else row.open++;
}

const rate = (r: TComplianceRow) => {
  const decided = r.due - r.open;
  return { ...r, onTimeRate: decided ? Math.round((r.onTime / decided) * 1000) / 1000 : null };
};

export async function complianceReport(ctx: Ctx, q: TComplianceQuery): Promise<TComplianceReport> {
  const visits = await complianceVisits(ctx, q);
  const keyOf = (v: ComplianceVisit) =>
    q.groupBy === 'month'
      ? v.dueOn.slice(0, 7)
      : q.groupBy === 'customer'
        ? v.customerId
        : q.groupBy === 'project'
          ? v.projectId
          : (v.engineerId ?? '');
  const groups = new Map<string, TComplianceRow>();
  const total = emptyRow('', '');
  for (const v of visits) {
    const key = keyOf(v);
    const row = groups.get(key) ?? emptyRow(key, key);
    count(row, v.outcome);
    count(total, v.outcome);
    groups.set(key, row);
  }
  const keys = [...groups.keys()].filter(Boolean);
  const names =
    q.groupBy === 'customer'
      ? new Map([...(await customerFacts(ctx.db, keys))].map(([id, f]) => [id, f.name]))
      : q.groupBy === 'project'
        ? new Map([...(await projectFacts(ctx.db, keys))].map(([id, f]) => [id, f.name]))
        : q.groupBy === 'engineer'
          ? await userNames(ctx.db, keys)
          : new Map<string, string>();
  const rows = [...groups.values()].map((r) => rate({ ...r, label: names.get(r.key) ?? r.label }));
  rows.sort((a, b) => (q.groupBy === 'month' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label)));
  return { groupBy: q.groupBy, rows, total: rate(total) };
}

// ---------- overdue flags ----------
/** When a new visit's first flag is due: the warning before its window closes. */
export function firstFlagAt(
  dueOn: IsoDate,
  settings: { graceDays: number; warningLeadDays: number },
  timeZone: string,
) {
  return warningAt(windowClosesAt(dueOn, settings.graceDays, timeZone), settings.warningLeadDays);
}

const SWEEP_BATCH = 500;

/**
 * Fires the overdue levels that are due: a warning while the window is still open, an escalation once
 * it has closed; a visit done (or cancelled) meanwhile is cleared. Each level once per visit
 * (maintenance_visit_flags' key); the work is the visits due, read on the partial index.
 */
export async function sweepOverdue(ctx: Ctx) {
  const result = { warnings: 0, escalations: 0, cleared: 0 };
  for (;;) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const due = await repo.claimDueFlags(tx, now, SWEEP_BATCH);
      if (!due.length) return 0;
      const settings = await settingsOf(tx);
      const states = await workOrderStates(
        tx,
        due.map((v) => v.workOrderId),
      );
      const managers = await activeStaffIds(tx, ['manager']);
      const [projects, customers] = [
        await projectFacts(
          tx,
          due.map((v) => v.projectId),
        ),
        await customerFacts(
          tx,
          due.map((v) => v.customerId),
        ),
      ];
      const cleared: string[] = [];
      const escalationNext = new Map<number, string[]>();
      const done: string[] = [];
      const notices: Parameters<typeof sendNotices>[2][number][] = [];
      for (const v of due) {
        const state = states.get(v.workOrderId);
        if (!state || state.status === 'completed' || state.status === 'cancelled') {
          cleared.push(v.id);
          continue;
        }
        const closesAt = windowClosesAt(v.dueOn, settings.graceDays, ctx.timeZone);
        const level = now.getTime() >= closesAt.getTime() ? 'escalation' : 'warning';
        if (level === 'warning') {
          const list = escalationNext.get(closesAt.getTime()) ?? [];
          list.push(v.id);
          escalationNext.set(closesAt.getTime(), list);
        } else done.push(v.id);
        if (!(await repo.recordFlag(tx, v.id, level, now))) continue;
        if (level === 'warning') result.warnings++;
        else result.escalations++;
        const payload = {
          visitId: v.id,
          workOrderId: v.workOrderId,
          number: state.number,
          dueOn: v.dueOn,
          closesOn: toLocalDate(new Date(closesAt.getTime() - 1), ctx.timeZone),
          project: projects.get(v.projectId)?.name ?? '',
          customer: customers.get(v.customerId)?.name ?? '',
        };
        notices.push({
          kind: level === 'warning' ? 'maintenance.overdue-warning' : 'maintenance.overdue',
          userIds: managers,
          payload,
          dedupeKey: `maintenance.${level}:${v.id}`,
          render: (locale) => renderOverdue(level, payload, locale),
        });
      }
      await sendNotices(tx, ctx, notices);
      await repo.setNextFlag(tx, [...cleared, ...done], null);
      for (const [at, ids] of escalationNext) await repo.setNextFlag(tx, ids, new Date(at));
      result.cleared += cleared.length;
      return due.length;
    });
    if (claimed < SWEEP_BATCH) return result;
  }
}

function renderOverdue(
  level: 'warning' | 'escalation',
  p: { number: string; dueOn: string; closesOn: string; project: string; customer: string },
  locale: string,
) {
  const zh = locale.startsWith('zh');
  if (level === 'warning')
    return zh
      ? {
          subject: `维保即将逾期：${p.number}`,
          text: `${p.customer} ${p.project} 的维保工单 ${p.number}（应于 ${p.dueOn}）尚未完成，${p.closesOn} 后将逾期。`,
        }
      : {
          subject: `Maintenance visit due soon: ${p.number}`,
          text: `The maintenance visit ${p.number} at ${p.project} (${p.customer}), due ${p.dueOn}, is not done; it becomes overdue after ${p.closesOn}.`,
        };
  return zh
    ? {
        subject: `维保已逾期：${p.number}`,
        text: `${p.customer} ${p.project} 的维保工单 ${p.number}（应于 ${p.dueOn}）已逾期未完成。`,
      }
    : {
        subject: `Maintenance visit overdue: ${p.number}`,
        text: `The maintenance visit ${p.number} at ${p.project} (${p.customer}), due ${p.dueOn}, was not done in its window.`,
      };
}
