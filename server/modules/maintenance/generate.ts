// Generation of maintenance visits over the rolling horizon: for each project, every asset × template
// occurrence due in the horizon is put on ONE visit per due date (a field work order of kind
// maintenance covering every asset due there). Dates move to the plan's preferred weekday and off closed
// days of the calendar. Regeneration is idempotent (unique keys: a visit per project and date, an item
// per plan, asset, template and nominal date) and changes only visits still new — never a dispatched one.
import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { type BusinessCalendar, officeCalendar } from '../../../common/business-calendar.ts';
import { addDays, type IsoDate, toLocalDate } from '../../../common/calendar-dates.ts';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import type { TGenerateResult, TPlanVisit } from '../../../common/maintenance-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import {
  cancelPlannedWorkOrder,
  createPlannedWorkOrders,
  replanWorkOrder,
  workOrderStates,
  workOrderStatuses,
} from '../field/index.ts';
import { maintenanceAssetFacts, maintenanceAssetSizes } from '../registry/index.ts';
import { businessCalendarById } from '../sla/index.ts';
import { firstFlagAt } from './compliance.ts';
import * as gen from './generate-repository.ts';
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

/** Two 32-bit hashes of a string (FNV-1a and a multiply-rotate, each finished by murmur3's mix). */
function hash32(text: string, seed: number, multiplier: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), multiplier);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

type PairHash = readonly [number, number];
/** The hash of a plan, asset and template. */
function pairHash(p: { planId: string; assetId: string; templateId: string }): PairHash {
  const text = `${p.planId}:${p.assetId}:${p.templateId}`;
  return [hash32(text, 0x811c9dc5, 0x01000193), hash32(text, 0x9747b28c, 0x5bd1e995)];
}

/** A number standing for an occurrence (its pair's first hash and its day): equal for equal occurrences. */
const probeOf = (hash: PairHash, day: number) => (hash[0] ^ Math.imul(day, 0x9e3779b1)) >>> 0;

const dayNumbers = new Map<string, number>();
const dayNumber = (on: IsoDate) => {
  let n = dayNumbers.get(on);
  if (n === undefined) {
    n = Date.parse(`${on}T00:00:00Z`) / 86_400_000;
    dayNumbers.set(on, n);
  }
  return n;
};

/**
 * The fingerprint of a visit's item set, stored on the visit by generation and compared with the
 * wanted set's on the next run: the count of occurrences (plan, asset, template, nominal date) and two
 * 32-bit sums of their hashes — order-free, so nothing is sorted, and built without a string per
 * occurrence.
 */
export class OccurrenceSet {
  private count = 0;
  private a = 0;
  private b = 0;
  add(hash: PairHash, day: number) {
    this.count++;
    let x = Math.imul(hash[0] ^ Math.imul(day, 0x9e3779b1), 0x85ebca6b);
    x ^= x >>> 15;
    let y = Math.imul((hash[1] + Math.imul(day, 0x7feb352d)) | 0, 0xc2b2ae35);
    y ^= y >>> 13;
    this.a = (this.a + x) >>> 0;
    this.b = (this.b + y) >>> 0;
  }
  addItem(item: { planId: string; assetId: string; templateId: string; nominalOn: IsoDate }) {
    this.add(pairHash(item), dayNumber(item.nominalOn));
  }
  merge(other: OccurrenceSet) {
    this.count += other.count;
    this.a = (this.a + other.a) >>> 0;
    this.b = (this.b + other.b) >>> 0;
  }
  fingerprint(): string {
    return `o1.${this.count}.${this.a.toString(36)}.${this.b.toString(36)}`;
  }
}

let lastMs = 0;
let sequence = 0;
/**
 * A UUID version 7 (RFC 9562: milliseconds, then a counter within the millisecond, then random): new
 * visits and work orders go in at the end of their primary-key and foreign-key indexes instead of at
 * random pages.
 */
export function timeOrderedUuid(): string {
  const ms = Date.now();
  sequence = ms === lastMs ? (sequence + 1) & 0xfff : 0;
  lastMs = ms;
  const hex = ms.toString(16).padStart(12, '0');
  const random = randomUUID(); // its variant and random bits (from the fourth group on)
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${random.slice(19)}`;
}

const occurrenceKey = (o: { planId: string; assetId: string; templateId: string; nominalOn: string }) =>
  `${o.planId}:${o.assetId}:${o.templateId}:${o.nominalOn}`;

interface Wanted {
  planId: string;
  assetId: string;
  templateId: string;
  nominalOn: IsoDate;
  /** `nominalOn` as a day number, and the pair's hash: what the visit fingerprint adds up. */
  day: number;
  hash: PairHash;
  dueOn: IsoDate;
  reasonJson: string;
  windowStart: string | null;
}

/** A plan's occurrence date (for a cycle) with its visit date, reason and the visit's group. */
interface Slot {
  nominalOn: IsoDate;
  day: number;
  dueOn: IsoDate;
  reasonJson: string;
  list: Wanted[];
}

/**
 * Milliseconds spent in each phase of generation (summed over batches and workers; the bench prints
 * them). Cleared by whoever reads them.
 */
export const generationPhases = new Map<string, number>();
function phaseClock() {
  let t = performance.now();
  return (phase: string) => {
    const n = performance.now();
    generationPhases.set(phase, (generationPhases.get(phase) ?? 0) + n - t);
    t = n;
  };
}

/** Projects generated per transaction by `generateAll`: a few statements each, whatever the count. */
export const GENERATE_BATCH_PROJECTS = 100;
const GENERATE_CONCURRENCY = 2;

/** Generates (or brings up to date) the visits of one project; one transaction, serialised per project. */
export async function generateForProject(ctx: Ctx, projectId: string): Promise<TGenerateResult> {
  return generateForProjects(ctx, [projectId]);
}

/**
 * Generates the visits of a batch of projects in one transaction: each kind of row read once for the
 * batch, what is wanted computed in memory per project, and the changes written set-based (the new
 * work orders last, since their number series stays locked until the commit).
 */
export async function generateForProjects(ctx: Ctx, projectIds: readonly string[]): Promise<TGenerateResult> {
  return ctx.db.transaction(async (tx) => {
    const phase = phaseClock();
    await gen.lockProjects(tx, projectIds);
    phase('lock');
    const result = { ...EMPTY, projects: projectIds.length };
    const settings = await settingsOf(tx);
    const calendar = await calendarOf(tx, settings.calendarId, ctx.timeZone);
    const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
    const horizonEnd = addDays(today, settings.horizonDays);
    const plans = await gen.activePlansOfProjects(tx, projectIds);
    const planIds = plans.map((p) => p.id);
    const floatingIds = plans.filter((p) => p.mode === 'floating').map((p) => p.id);
    // One connection: the reads run one after another.
    const pairs = await gen.pairsOfPlans(tx, planIds);
    phase('read plans and their items');
    const visits = await gen.visitsDueFrom(tx, projectIds, today);
    phase('read visits');
    const floating = await gen.floatingItems(tx, floatingIds);
    phase('read floating items');
    const templates = await repo.findTemplates(tx, [...new Set(pairs.map((i) => i.templateId))]);
    const facts = await maintenanceAssetSizes(tx, [...new Set(pairs.map((i) => i.assetId))]);
    phase('read templates and asset sizes');
    // The work orders' states: the floating plans' now (they count from completions), the other visits'
    // once it is known which need a look (a visit whose fingerprint matches needs none).
    const states = await workOrderStatuses(tx, [...new Set(floating.map((v) => v.workOrderId))]);
    phase('read work-order states');
    const templateById = new Map(templates.map((t) => [t.id, t]));
    const planById = new Map(plans.map((p) => [p.id, p]));
    const visitById = new Map<string, gen.CurrentVisit>(visits.map((v) => [v.id, v]));
    const visitProject = new Map<string, string>(visits.map((v) => [v.id, v.projectId]));
    const dueOfVisit = new Map<string, IsoDate>();
    const woOfVisit = new Map<string, string>();
    const rescheduled = new Set<string>();
    const learn = (list: readonly (gen.CurrentVisit | gen.CurrentItem)[]) => {
      for (const v of list) {
        const id = 'visitId' in v ? v.visitId : v.id;
        if ('visitId' in v) visitProject.set(id, planById.get(v.planId)?.projectId ?? '');
        dueOfVisit.set(id, v.dueOn);
        woOfVisit.set(id, v.workOrderId);
        if (v.rescheduled) rescheduled.add(id);
      }
    };
    learn(visits);
    learn(floating);
    const stateOf = (visitId: string) => states.get(woOfVisit.get(visitId)!);
    /**
     * A visit that may still change: its work order is new (nobody dispatched), it is not past, and
     * the customer has not had it moved to another date.
     */
    const isOpen = (visitId: string) =>
      stateOf(visitId)?.status === 'new' && dueOfVisit.get(visitId)! >= today && !rescheduled.has(visitId);

    // Floating plans count from the last completed visit of the asset and template.
    const lastCompleted = new Map<string, IsoDate>();
    const pendingFloating = new Set<string>();
    for (const item of floating) {
      if (planById.get(item.planId)?.mode !== 'floating') continue;
      const state = stateOf(item.visitId);
      const key = `${item.assetId}:${item.templateId}`;
      if (state?.status === 'completed' && state.completedAt) {
        const on = toLocalDate(state.completedAt, ctx.timeZone);
        if ((lastCompleted.get(key) ?? '') < on) lastCompleted.set(key, on);
      } else if (state && state.status !== 'cancelled') {
        pendingFloating.add(`${item.planId}:${key}`);
      }
    }

    // What is wanted: every occurrence in the horizon, with its visit date and reason. A plan's items
    // share their dates, so the dates and reasons are computed once per plan and cycle, and the fixed
    // plans' occurrences are put straight into their visit's group (project and date): no string is
    // built per occurrence until it is known to be needed.
    const nominalCache = new Map<string, { on: IsoDate; countedFrom: IsoDate }[]>();
    const dueCache = new Map<string, IsoDate>();
    const slotCache = new Map<string, Slot[]>();
    const fixedWanted = new Map<string, Wanted[]>();
    const floatingWanted: Wanted[] = [];
    const seenPairs = new Set<string>(); // a plan's asset and template listed twice is one occurrence
    for (const pi of pairs) {
      const pairKey = `${pi.planId}:${pi.assetId}:${pi.templateId}`;
      if (seenPairs.has(pairKey)) continue;
      seenPairs.add(pairKey);
      const plan = planById.get(pi.planId)!;
      const template = templateById.get(pi.templateId);
      const sizeClass = facts.get(pi.assetId);
      if (!template || sizeClass === undefined) continue;
      // The owner's own cycle (a contract's plan) before the template's.
      const intervalMonths = plan.intervalMonths ?? intervalOf(template, settings, sizeClass);
      if (!intervalMonths) continue;
      // A floating plan's next visit waits for the one already planned to be done.
      if (plan.mode === 'floating' && pendingFloating.has(`${pi.planId}:${pi.assetId}:${pi.templateId}`))
        continue;
      const lastCompletedOn =
        plan.mode === 'floating' ? (lastCompleted.get(`${pi.assetId}:${pi.templateId}`) ?? null) : null;
      const slotKey = `${plan.id}|${intervalMonths}|${lastCompletedOn}`;
      let slots = slotCache.get(slotKey);
      if (!slots) {
        const item = {
          mode: plan.mode,
          startsOn: plan.startsOn,
          endsOn: plan.endsOn,
          intervalMonths,
          lastCompletedOn,
        };
        const nominalKey = `${item.mode}|${item.startsOn}|${item.endsOn}|${intervalMonths}|${lastCompletedOn}`;
        let nominals = nominalCache.get(nominalKey);
        if (!nominals) {
          nominals = nominalDates(item, today, horizonEnd);
          nominalCache.set(nominalKey, nominals);
        }
        slots = nominals.map((nominal) => {
          const dueKey = `${nominal.on}|${plan.preferredWeekday}`;
          let dueOn = dueCache.get(dueKey);
          if (dueOn === undefined) {
            dueOn = dueDateOf(nominal.on, {
              weekday: plan.preferredWeekday,
              calendar,
              direction: settings.shiftDirection,
            });
            // Moved earlier into the past: the first working day from today instead.
            if (dueOn < today) dueOn = shiftToWorkingDay(calendar, today, 'later');
            dueCache.set(dueKey, dueOn);
          }
          const group = `${plan.projectId}|${dueOn}`;
          let list = plan.mode === 'floating' ? floatingWanted : fixedWanted.get(group);
          if (!list) {
            list = [];
            fixedWanted.set(group, list);
          }
          return {
            nominalOn: nominal.on,
            day: dayNumber(nominal.on),
            dueOn,
            reasonJson: JSON.stringify(reasonOf(item, nominal, dueOn)),
            list,
          };
        });
        slotCache.set(slotKey, slots);
      }
      const hash = pairHash(pi);
      for (const slot of slots)
        slot.list.push({
          planId: pi.planId,
          assetId: pi.assetId,
          templateId: pi.templateId,
          nominalOn: slot.nominalOn,
          day: slot.day,
          hash,
          dueOn: slot.dueOn,
          reasonJson: slot.reasonJson,
          windowStart: plan.windowStart,
        });
    }

    phase('compute wanted');
    // Items of fixed plans moved before their occurrence onto a visit already past stay there.
    const early = await gen.movedEarlyItems(
      tx,
      projectIds,
      plans.filter((p) => p.mode !== 'floating').map((p) => p.id),
      today,
    );
    learn(early);
    const earlyKeys = new Set(early.map(occurrenceKey));
    const earlyProbes = new Set(early.map((i) => probeOf(pairHash(i), dayNumber(i.nominalOn))));
    const isEarly = (w: Wanted) => earlyProbes.has(probeOf(w.hash, w.day)) && earlyKeys.has(occurrenceKey(w));
    const notEarly = (list: Wanted[]) => (earlyKeys.size ? list.filter((w) => !isEarly(w)) : list);
    phase('read moved-early items');

    // A visit whose items are exactly what is wanted on its date (its fingerprint says so: the fixed
    // plans' wanted occurrences there and the floating plans' items on it) needs nothing: its items are
    // not read. The others' items are read and compared one by one.
    const floatingOn = new Map<string, gen.CurrentItem[]>();
    for (const item of floating) {
      const list = floatingOn.get(item.visitId);
      if (list) list.push(item);
      else floatingOn.set(item.visitId, [item]);
    }
    const matched = new Map<string, Wanted[]>();
    const matchedGroups = new Set<string>();
    const unmatched: string[] = [];
    for (const v of visits) {
      const group = `${v.projectId}|${v.dueOn}`;
      const list = notEarly(fixedWanted.get(group) ?? []);
      const expected = new OccurrenceSet();
      for (const w of list) expected.add(w.hash, w.day);
      for (const item of floatingOn.get(v.id) ?? []) expected.addItem(item);
      if (v.fingerprint && v.fingerprint === expected.fingerprint()) {
        matched.set(v.id, list);
        matchedGroups.add(group);
      } else unmatched.push(v.id);
    }
    phase('match visits (fingerprints)');
    const read = await gen.itemsOfVisits(tx, unmatched, floatingIds);
    const unmatchedOrders = unmatched
      .map((id) => visitById.get(id)!.workOrderId)
      .filter((id) => !states.has(id));
    for (const [id, state] of await workOrderStatuses(tx, unmatchedOrders)) states.set(id, state);
    learn(read);
    phase('read unmatched visits');
    const existing = [...floating, ...early, ...read];

    // What is left to place: the floating plans' occurrences and the fixed ones of the visits that did
    // not match (or do not exist yet). Those already on a visit are looked up by occurrence — by a
    // numeric probe first, so that a string key is built only for the few that may be there.
    const existingByKey = new Map<string, gen.CurrentItem>();
    const probes = new Set<number>();
    for (const item of existing) {
      existingByKey.set(occurrenceKey(item), item);
      probes.add(probeOf(pairHash(item), dayNumber(item.nominalOn)));
    }
    const byDue = new Map<string, Wanted[]>();
    const place = (group: string, w: Wanted) => {
      const list = byDue.get(group);
      if (list) list.push(w);
      else byDue.set(group, [w]);
    };
    const wanted = new Map<string, Wanted>();
    const consider = (group: string, w: Wanted) => {
      if (probes.has(probeOf(w.hash, w.day))) {
        const key = occurrenceKey(w);
        // Moved before its occurrence onto a visit already past: it stays there.
        if (earlyKeys.has(key)) return;
        if (existingByKey.has(key)) {
          wanted.set(key, w);
          return;
        }
      }
      place(group, w);
    };
    const groupOf = (w: Wanted) => `${planById.get(w.planId)!.projectId}|${w.dueOn}`;
    for (const w of floatingWanted) consider(groupOf(w), w);
    for (const [group, list] of fixedWanted)
      if (!matchedGroups.has(group)) for (const w of list) consider(group, w);

    // What is on visits already: kept where it is when the visit is no longer open (dispatched, done or
    // past) or when it is on the right date; otherwise taken off its open visit (and put on the right one).
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
      if (w && item.dueOn === w.dueOn) {
        wanted.delete(key);
        continue;
      }
      if (pendingFloatingItem) continue;
      removed.push(item.id);
      touched.add(item.visitId);
    }
    await gen.deleteItems(tx, removed);
    result.itemsRemoved = removed.length;
    phase('compare and delete items');

    // New occurrences: onto the project's visit of that date, created when there is none.
    for (const w of wanted.values()) place(groupOf(w), w);
    const visitByDue = new Map(visits.map((v) => [`${v.projectId}|${v.dueOn}`, v]));
    const newItems: gen.NewItem[] = [];
    const addedTo = new Map<string, OccurrenceSet>();
    const newVisits: (gen.CurrentVisit & { createdAt: Date; nextFlagAt: Date })[] = [];
    const newOrders: Parameters<typeof createPlannedWorkOrders>[2][number][] = [];
    const customerOf = new Map(plans.map((p) => [p.projectId, p.customerId]));
    for (const [key, list] of [...byDue].sort(([a], [b]) => a.localeCompare(b))) {
      let visit = visitByDue.get(key);
      if (!visit) {
        const [projectId, dueOn] = key.split('|') as [string, IsoDate];
        const assetIds = [...new Set(list.map((w) => w.assetId))];
        visit = {
          id: timeOrderedUuid(),
          customerId: customerOf.get(projectId)!,
          projectId,
          dueOn,
          workOrderId: timeOrderedUuid(),
        };
        newVisits.push({
          ...visit,
          createdAt: ctx.clock.now(),
          nextFlagAt: firstFlagAt(dueOn, settings, ctx.timeZone),
        });
        newOrders.push({
          id: visit.workOrderId,
          kind: 'maintenance',
          customerId: visit.customerId,
          projectId,
          assetIds,
          summary: summaryOf(assetIds.length),
          scheduledAt: scheduledAt(dueOn, list[0]!.windowStart, ctx.timeZone),
        });
        visitByDue.set(key, visit);
        visitById.set(visit.id, visit);
        result.visitsCreated++;
      } else {
        touched.add(visit.id);
      }
      let added = addedTo.get(visit.id);
      if (!added) {
        added = new OccurrenceSet();
        addedTo.set(visit.id, added);
      }
      for (const w of list) {
        added.add(w.hash, w.day);
        newItems.push({
          visitId: visit.id,
          customerId: visit.customerId,
          planId: w.planId,
          assetId: w.assetId,
          templateId: w.templateId,
          nominalOn: w.nominalOn,
          reasonJson: w.reasonJson,
        });
      }
    }
    phase('group new items');
    await gen.insertVisits(
      tx,
      newVisits.map((v) => ({ ...v, fingerprint: (addedTo.get(v.id) ?? new OccurrenceSet()).fingerprint() })),
    );
    phase('insert visits');
    await gen.insertItems(tx, newItems);
    result.itemsAdded = newItems.length;
    phase('insert items');

    // Existing visits whose items changed: re-planned while new, cancelled when nothing is left.
    const emptied: string[] = [];
    if (touched.size) {
      const now = await gen.assetsOfVisits(tx, [...touched]);
      for (const visitId of touched) {
        const visit = visitById.get(visitId);
        const workOrderId = woOfVisit.get(visitId) ?? visit?.workOrderId;
        const dueOn = dueOfVisit.get(visitId) ?? visit?.dueOn;
        if (!workOrderId || !dueOn) continue;
        const on = now.get(visitId);
        if (!on) {
          if (await cancelPlannedWorkOrder(tx, ctx, workOrderId)) {
            emptied.push(visitId);
            result.visitsCancelled++;
          }
          continue;
        }
        const windowStart = on.planIds.map((id) => planById.get(id)?.windowStart).find(Boolean) ?? null;
        if (
          await replanWorkOrder(tx, ctx, workOrderId, {
            assetIds: on.assetIds,
            scheduledAt: scheduledAt(dueOn, windowStart, ctx.timeZone),
            summary: summaryOf(on.assetIds.length),
          })
        )
          result.visitsChanged++;
      }
      await gen.deleteVisits(tx, emptied);
    }
    // The fingerprints of the visits whose item sets changed (or were first learnt).
    const removedIds = new Set(removed);
    const emptiedIds = new Set(emptied);
    const finalSets = new Map<string, OccurrenceSet>();
    for (const v of visits) {
      const set = new OccurrenceSet();
      for (const w of matched.get(v.id) ?? []) set.add(w.hash, w.day);
      finalSets.set(v.id, set);
    }
    for (const item of [...floating, ...read])
      if (!removedIds.has(item.id)) finalSets.get(item.visitId)?.addItem(item);
    for (const [visitId, added] of addedTo) finalSets.get(visitId)?.merge(added);
    const fingerprints: { id: string; fingerprint: string }[] = [];
    for (const v of visits) {
      if (emptiedIds.has(v.id)) continue;
      const fingerprint = finalSets.get(v.id)!.fingerprint();
      if (fingerprint !== v.fingerprint) fingerprints.push({ id: v.id, fingerprint });
    }
    phase('replan and cancel work orders');
    await gen.setFingerprints(tx, fingerprints);
    phase('set fingerprints');
    // The generation's audit before the work orders: their number series stays locked until the commit.
    await auditGeneration(tx, ctx, {
      projectIds,
      visitProject,
      newVisits,
      removed,
      existing,
      newItems,
      today,
      horizonEnd,
    });
    phase('audit');
    await createPlannedWorkOrders(tx, ctx, newOrders);
    phase('insert work orders (field)');
    return result;
  });
}

/** One audit entry per project that changed, with its own counts. */
async function auditGeneration(
  tx: Executor,
  ctx: Ctx,
  g: {
    projectIds: readonly string[];
    visitProject: Map<string, string>;
    newVisits: { id: string; projectId: string }[];
    removed: string[];
    existing: gen.CurrentItem[];
    newItems: gen.NewItem[];
    today: IsoDate;
    horizonEnd: IsoDate;
  },
) {
  const counts = new Map<string, { visitsCreated: number; itemsAdded: number; itemsRemoved: number }>();
  const bump = (projectId: string | undefined, k: 'visitsCreated' | 'itemsAdded' | 'itemsRemoved') => {
    if (!projectId) return;
    const c = counts.get(projectId) ?? { visitsCreated: 0, itemsAdded: 0, itemsRemoved: 0 };
    c[k]++;
    counts.set(projectId, c);
  };
  for (const v of g.newVisits) g.visitProject.set(v.id, v.projectId);
  for (const v of g.newVisits) bump(v.projectId, 'visitsCreated');
  for (const i of g.newItems) bump(g.visitProject.get(i.visitId), 'itemsAdded');
  const removed = new Set(g.removed);
  for (const i of g.existing) if (removed.has(i.id)) bump(g.visitProject.get(i.visitId), 'itemsRemoved');
  await writeAudits(
    tx,
    ctx,
    [...counts].map(([projectId, c]) => ({
      action: 'maintenance.generate',
      entityType: 'project',
      entityId: projectId,
      after: { ...c, today: g.today, horizonEnd: g.horizonEnd },
    })),
  );
}

function summaryOf(assets: number) {
  return `定期维护保养 Planned maintenance · ${assets} 台设备 / assets`;
}

/** Every project with an active plan, a batch of projects per transaction (the daily job, and "generate all"). */
export async function generateAll(
  ctx: Ctx,
  batchProjects = GENERATE_BATCH_PROJECTS,
): Promise<TGenerateResult> {
  let total = { ...EMPTY };
  const projectIds = await gen.projectsWithActivePlans(ctx.db);
  const batches: string[][] = [];
  for (let i = 0; i < projectIds.length; i += batchProjects)
    batches.push(projectIds.slice(i, i + batchProjects));
  // Two batches at a time: one computes in node while the other's statements run in the database.
  // Batches hold disjoint project locks; only the WO counter row is shared, taken last by each.
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      // Awaited first: `add(total, await …)` would read `total` before the other worker's batch is added.
      const done = await generateForProjects(ctx, batch);
      total = add(total, done);
    }
  };
  await Promise.all(Array.from({ length: GENERATE_CONCURRENCY }, worker));
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
      reason: r.item.reason!, // a plan's items always say why
    };
  });
}
