// Generation of maintenance visits over the rolling horizon: for each project, every asset × template
// occurrence due in the horizon is put on ONE visit per due date (a field work order of kind
// maintenance covering every asset due there). Dates move to the plan's preferred weekday and off closed
// days of the calendar. Regeneration is idempotent (unique keys: a visit per project and date, an item
// per plan, asset, template and nominal date) and changes only visits still new — never a dispatched one.
import { TZDate } from '@date-fns/tz';
import { type BusinessCalendar, officeCalendar } from '../../../common/business-calendar.ts';
import { addDays, type IsoDate, toLocalDate } from '../../../common/calendar-dates.ts';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import type { TGenerateResult, TPlanVisit, TVisitReason } from '../../../common/maintenance-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import {
  cancelPlannedWorkOrder,
  createPlannedWorkOrder,
  replanWorkOrder,
  workOrderStates,
} from '../field/index.ts';
import { maintenanceAssetFacts } from '../registry/index.ts';
import { businessCalendarById } from '../sla/index.ts';
import * as repo from './repository.ts';
import { dueDateOf, intervalOf, nominalDates, reasonOf, shiftToWorkingDay } from './rules.ts';
import { settingsOf } from './service.ts';

const EMPTY: TGenerateResult = {
  projects: 0,
  visitsCreated: 0,
  visitsChanged: 0,
  visitsCancelled: 0,
  itemsAdded: 0,
  itemsRemoved: 0,
};

function add(a: TGenerateResult, b: TGenerateResult): TGenerateResult {
  return Object.fromEntries(
    Object.keys(a).map((k) => [k, a[k as keyof TGenerateResult] + b[k as keyof TGenerateResult]]),
  ) as TGenerateResult;
}

async function calendarOf(
  tx: Executor,
  calendarId: string | null,
  timeZone: string,
): Promise<BusinessCalendar> {
  const chosen = calendarId ? await businessCalendarById(tx, calendarId) : null;
  // Shipped: Monday–Friday with the official Chinese holidays and make-up days.
  return chosen ?? officeCalendar(timeZone, undefined, CN_HOLIDAYS);
}

export function scheduledAt(dueOn: IsoDate, windowStart: string | null, timeZone: string): Date {
  const [y, m, d] = dueOn.split('-').map(Number) as [number, number, number];
  const [hh, mm] = (windowStart ?? '09:00').split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
}

const occurrenceKey = (o: { planId: string; assetId: string; templateId: string; nominalOn: string }) =>
  `${o.planId}:${o.assetId}:${o.templateId}:${o.nominalOn}`;

interface Wanted {
  planId: string;
  assetId: string;
  templateId: string;
  nominalOn: IsoDate;
  dueOn: IsoDate;
  reason: TVisitReason;
  windowStart: string | null;
}

/** Generates (or brings up to date) the visits of one project; one transaction, serialised per project. */
export async function generateForProject(ctx: Ctx, projectId: string): Promise<TGenerateResult> {
  return ctx.db.transaction(async (tx) => {
    await repo.lockProject(tx, projectId);
    const result = { ...EMPTY, projects: 1 };
    const settings = await settingsOf(tx);
    const calendar = await calendarOf(tx, settings.calendarId, ctx.timeZone);
    const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
    const horizonEnd = addDays(today, settings.horizonDays);
    const plans = await repo.activePlansOfProject(tx, projectId);
    const planItems = await repo.itemsOfPlans(
      tx,
      plans.map((p) => p.id),
    );
    const [templates, facts] = await Promise.all([
      repo.findTemplates(tx, [...new Set(planItems.map((i) => i.templateId))]),
      maintenanceAssetFacts(tx, [...new Set(planItems.map((i) => i.assetId))]),
    ]);
    const templateById = new Map(templates.map((t) => [t.id, t]));
    const visits = await repo.visitsOfProject(tx, projectId);
    const visitById = new Map(visits.map((v) => [v.id, v]));
    const existing = await repo.visitItemsOf(
      tx,
      visits.map((v) => v.id),
    );
    const states = await workOrderStates(
      tx,
      visits.map((v) => v.workOrderId),
    );
    const stateOf = (visitId: string) => states.get(visitById.get(visitId)!.workOrderId);
    /**
     * A visit that may still change: its work order is new (nobody dispatched), it is not past, and
     * the customer has not had it moved to another date.
     */
    const isOpen = (visitId: string) =>
      stateOf(visitId)?.status === 'new' &&
      visitById.get(visitId)!.dueOn >= today &&
      !visitById.get(visitId)!.rescheduledAt;

    // Floating plans count from the last completed visit of the asset and template.
    const lastCompleted = new Map<string, IsoDate>();
    const pendingFloating = new Set<string>();
    for (const item of existing) {
      const state = stateOf(item.visitId);
      const key = `${item.assetId}:${item.templateId}`;
      if (state?.status === 'completed' && state.completedAt) {
        const on = toLocalDate(state.completedAt, ctx.timeZone);
        if ((lastCompleted.get(key) ?? '') < on) lastCompleted.set(key, on);
      } else if (state && state.status !== 'cancelled') {
        pendingFloating.add(`${item.planId}:${key}`);
      }
    }

    const wanted = new Map<string, Wanted>();
    const planById = new Map(plans.map((p) => [p.id, p]));
    for (const pi of planItems) {
      const plan = planById.get(pi.planId)!;
      const template = templateById.get(pi.templateId);
      const asset = facts.get(pi.assetId);
      if (!template || !asset) continue;
      const intervalMonths = intervalOf(template, settings, asset.sizeClass);
      if (!intervalMonths) continue;
      const item = {
        mode: plan.mode,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        intervalMonths,
        lastCompletedOn: lastCompleted.get(`${pi.assetId}:${pi.templateId}`) ?? null,
      };
      // A floating plan's next visit waits for the one already planned to be done.
      const pendingKey = `${pi.planId}:${pi.assetId}:${pi.templateId}`;
      const keepPending = plan.mode === 'floating' && pendingFloating.has(pendingKey);
      if (keepPending) continue;
      for (const nominal of nominalDates(item, today, horizonEnd)) {
        let dueOn = dueDateOf(nominal.on, {
          weekday: plan.preferredWeekday,
          calendar,
          direction: settings.shiftDirection,
        });
        // Moved earlier into the past: the first working day from today instead.
        if (dueOn < today) dueOn = shiftToWorkingDay(calendar, today, 'later');
        const w: Wanted = {
          planId: pi.planId,
          assetId: pi.assetId,
          templateId: pi.templateId,
          nominalOn: nominal.on,
          dueOn,
          reason: reasonOf(item, nominal, dueOn),
          windowStart: plan.windowStart,
        };
        wanted.set(occurrenceKey(w), w);
      }
    }

    // What is on visits already: kept where it is when the visit is no longer open (dispatched, done or
    // past) or when it is on the right date; otherwise taken off its open visit.
    const touched = new Set<string>();
    const removed: string[] = [];
    for (const item of existing) {
      const key = occurrenceKey(item);
      const w = wanted.get(key);
      const pendingFloatingItem =
        !w &&
        pendingFloating.has(`${item.planId}:${item.assetId}:${item.templateId}`) &&
        planById.get(item.planId)?.mode === 'floating';
      if (!isOpen(item.visitId)) {
        wanted.delete(key);
        continue;
      }
      if (w && visitById.get(item.visitId)!.dueOn === w.dueOn) {
        wanted.delete(key);
        continue;
      }
      if (pendingFloatingItem) continue;
      removed.push(item.id);
      touched.add(item.visitId);
    }
    await repo.deleteVisitItems(tx, removed);
    result.itemsRemoved = removed.length;

    // New occurrences: onto the project's visit of that date, created when there is none.
    const visitByDue = new Map(visits.map((v) => [v.dueOn, v]));
    const toInsert: Parameters<typeof repo.insertVisitItems>[1] = [];
    const byDue = new Map<IsoDate, Wanted[]>();
    for (const w of wanted.values()) byDue.set(w.dueOn, [...(byDue.get(w.dueOn) ?? []), w]);
    const project = plans[0];
    for (const [dueOn, list] of [...byDue].sort(([a], [b]) => a.localeCompare(b))) {
      let visit = visitByDue.get(dueOn);
      if (!visit) {
        const assetIds = [...new Set(list.map((w) => w.assetId))];
        const wo = await createPlannedWorkOrder(tx, ctx, {
          kind: 'maintenance',
          customerId: project!.customerId,
          projectId,
          assetIds,
          summary: summaryOf(assetIds.length),
          scheduledAt: scheduledAt(dueOn, list[0]!.windowStart, ctx.timeZone),
        });
        visit = await repo.insertVisit(tx, {
          customerId: project!.customerId,
          projectId,
          dueOn,
          workOrderId: wo.id,
          createdAt: ctx.clock.now(),
        });
        visitById.set(visit.id, visit);
        visitByDue.set(dueOn, visit);
        result.visitsCreated++;
      } else {
        touched.add(visit.id);
      }
      for (const w of list)
        toInsert.push({
          visitId: visit.id,
          customerId: visit.customerId,
          planId: w.planId,
          assetId: w.assetId,
          templateId: w.templateId,
          nominalOn: w.nominalOn,
          reason: w.reason,
        });
    }
    await repo.insertVisitItems(tx, toInsert);
    result.itemsAdded = toInsert.length;

    // Existing visits whose items changed: re-planned while new, cancelled when nothing is left.
    if (touched.size) {
      const now = await repo.visitItemsOf(tx, [...touched]);
      for (const visitId of touched) {
        const visit = visitById.get(visitId)!;
        const assetIds = [...new Set(now.filter((i) => i.visitId === visitId).map((i) => i.assetId))];
        if (!assetIds.length) {
          if (await cancelPlannedWorkOrder(tx, ctx, visit.workOrderId)) {
            await repo.deleteVisit(tx, visitId);
            result.visitsCancelled++;
          }
          continue;
        }
        const windowStart =
          plans.find((p) => now.some((i) => i.visitId === visitId && i.planId === p.id))?.windowStart ?? null;
        if (
          await replanWorkOrder(tx, ctx, visit.workOrderId, {
            assetIds,
            scheduledAt: scheduledAt(visit.dueOn, windowStart, ctx.timeZone),
            summary: summaryOf(assetIds.length),
          })
        )
          result.visitsChanged++;
      }
    }
    if (
      result.visitsCreated ||
      result.visitsChanged ||
      result.visitsCancelled ||
      result.itemsAdded ||
      result.itemsRemoved
    )
      await writeAudit(tx, ctx, {
        action: 'maintenance.generate',
        entityType: 'project',
        entityId: projectId,
        after: { ...result, today, horizonEnd },
      });
    return result;
  });
}

function summaryOf(assets: number) {
  return `定期维护保养 Planned maintenance · ${assets} 台设备 / assets`;
}

/** Every project with an active plan, each in its own transaction (the daily job, and "generate all"). */
export async function generateAll(ctx: Ctx): Promise<TGenerateResult> {
  let total = { ...EMPTY };
  for (const projectId of await repo.projectsWithActivePlans(ctx.db)) {
    total = add(total, await generateForProject(ctx, projectId));
  }
  return total;
}

/** Generates the project of a plan (on demand, after a change). */
export async function generateForPlan(ctx: Ctx, planId: string) {
  const plan = await repo.findPlan(ctx.db, ctx.scope, planId);
  if (!plan) throw notFound('Maintenance plan');
  return generateForProject(ctx, plan.projectId);
}

/** What was generated for a plan and why: each asset and template on its visit, with the work order. */
export async function planVisits(ctx: Ctx, planId: string): Promise<TPlanVisit[]> {
  const plan = await repo.findPlan(ctx.db, ctx.scope, planId);
  if (!plan) throw notFound('Maintenance plan');
  const rows = await repo.planVisitItems(ctx.db, planId);
  const [states, facts, templates] = await Promise.all([
    workOrderStates(
      ctx.db,
      rows.map((r) => r.workOrderId),
    ),
    maintenanceAssetFacts(
      ctx.db,
      rows.map((r) => r.item.assetId),
    ),
    repo.findTemplates(ctx.db, [...new Set(rows.map((r) => r.item.templateId))]),
  ]);
  const names = new Map(templates.map((t) => [t.id, t.name]));
  return rows.map((r) => {
    const f = facts.get(r.item.assetId);
    const state = states.get(r.workOrderId);
    return {
      visitId: r.item.visitId,
      dueOn: r.dueOn,
      workOrderId: r.workOrderId,
      workOrderNumber: state?.number ?? '',
      workOrderStatus: state?.status ?? 'new',
      assetId: r.item.assetId,
      assetLabel: f ? (f.name ? `${f.serial} ${f.name}` : f.serial) : '',
      templateId: r.item.templateId,
      templateName: names.get(r.item.templateId) ?? '',
      reason: r.item.reason,
    };
  });
}
