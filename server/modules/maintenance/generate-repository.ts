// The SQL of generation, set-based over a batch of projects: one read of each kind per batch and
// array-parameter (unnest) writes, so the work is a handful of statements whatever the batch's size.
import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../../common/calendar-dates.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import type { PlanRow } from './repository.ts';

/** One generation per project at a time, across instances; taken in id order so batches never deadlock. */
export async function lockProjects(db: Executor, projectIds: readonly string[]) {
  if (!projectIds.length) return;
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtext('maintenance.generate:' || p))
          from unnest(${uuidArray([...projectIds].sort())}) with ordinality as u(p, n) order by n`,
  );
}

export async function activePlansOfProjects(db: Executor, projectIds: readonly string[]): Promise<PlanRow[]> {
  if (!projectIds.length) return [];
  const rows = await db.execute(
    sql`select id, customer_id, project_id, starts_on::text, ends_on::text, mode, preferred_weekday,
               window_start, interval_months from maintenance_plans
         where project_id = any(${uuidArray(projectIds)}) and active`,
  );
  return (rows.rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    customerId: r.customer_id as string,
    projectId: r.project_id as string,
    startsOn: r.starts_on as string,
    endsOn: (r.ends_on as string | null) ?? null,
    mode: r.mode as PlanRow['mode'],
    preferredWeekday: (r.preferred_weekday as number | null) ?? null,
    windowStart: (r.window_start as string | null) ?? null,
    intervalMonths: (r.interval_months as number | null) ?? null,
  })) as PlanRow[];
}

export interface ItemPair {
  planId: string;
  assetId: string;
  templateId: string;
}

export async function pairsOfPlans(db: Executor, planIds: readonly string[]): Promise<ItemPair[]> {
  if (!planIds.length) return [];
  const rows = await db.execute<{ plan_id: string; asset_id: string; template_id: string }>(
    sql`select plan_id, asset_id, template_id from maintenance_plan_items where plan_id = any(${uuidArray(planIds)})`,
  );
  return rows.rows.map((r) => ({ planId: r.plan_id, assetId: r.asset_id, templateId: r.template_id }));
}

export interface CurrentVisit {
  id: string;
  customerId: string;
  projectId: string;
  dueOn: IsoDate;
  workOrderId: string;
  /** Moved at the customer's request: generation leaves its date alone from then on. */
  rescheduled?: boolean;
  /** Its item set as generation last left it (null: unknown, its items are read). */
  fingerprint?: string | null;
}

/** The projects' visits that may still take items: due today or later. */
export async function visitsDueFrom(
  db: Executor,
  projectIds: readonly string[],
  from: IsoDate,
): Promise<CurrentVisit[]> {
  if (!projectIds.length) return [];
  const rows = await db.execute<{
    id: string;
    customer_id: string;
    project_id: string;
    due_on: string;
    work_order_id: string;
    rescheduled: boolean;
    items_fingerprint: string | null;
  }>(
    // Plans' visits only: special and campaign inspections are not the generator's.
    sql`select id, customer_id, project_id, due_on::text, work_order_id, rescheduled_at is not null as rescheduled,
               items_fingerprint
          from maintenance_visits
         where project_id = any(${uuidArray(projectIds)}) and due_on >= ${from}::date and kind = 'planned'`,
  );
  return rows.rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    projectId: r.project_id,
    dueOn: r.due_on,
    workOrderId: r.work_order_id,
    rescheduled: r.rescheduled,
    fingerprint: r.items_fingerprint,
  }));
}

/** The furthest a visit moves before its occurrence: to the preferred weekday (6 days) and off closed days (60). */
const MAX_SHIFT_DAYS = 70;

export interface CurrentItem extends ItemPair {
  id: string;
  visitId: string;
  nominalOn: IsoDate;
  dueOn: IsoDate;
  workOrderId: string;
  rescheduled: boolean;
}

type ItemRow = {
  id: string;
  visit_id: string;
  plan_id: string;
  asset_id: string;
  template_id: string;
  nominal_on: string;
  due_on: string;
  work_order_id: string;
  rescheduled: boolean;
};

const ITEM_COLUMNS = sql`i.id, i.visit_id, i.plan_id, i.asset_id, i.template_id, i.nominal_on::text, v.due_on::text,
  v.work_order_id, v.rescheduled_at is not null as rescheduled`;

const toItem = (r: ItemRow): CurrentItem => ({
  id: r.id,
  visitId: r.visit_id,
  planId: r.plan_id,
  assetId: r.asset_id,
  templateId: r.template_id,
  nominalOn: r.nominal_on,
  dueOn: r.due_on,
  workOrderId: r.work_order_id,
  rescheduled: r.rescheduled,
});

/** Every item of the floating plans (they count from their last completion, and wait for a pending visit). */
export async function floatingItems(
  db: Executor,
  floatingPlanIds: readonly string[],
): Promise<CurrentItem[]> {
  if (!floatingPlanIds.length) return [];
  const rows = await db.execute<ItemRow>(
    sql`select ${ITEM_COLUMNS}
          from maintenance_visit_items i join maintenance_visits v on v.id = i.visit_id
         where i.plan_id = any(${uuidArray(floatingPlanIds)})`,
  );
  return rows.rows.map(toItem);
}

/**
 * The items of these visits that no floating plan scheduled (the floating plans' are read whole):
 * the visits whose wanted set differs from the one generation last left.
 */
export async function itemsOfVisits(
  db: Executor,
  visitIds: readonly string[],
  floatingPlanIds: readonly string[],
): Promise<CurrentItem[]> {
  if (!visitIds.length) return [];
  const rows = await db.execute<ItemRow>(
    sql`select ${ITEM_COLUMNS}
          from maintenance_visits v join maintenance_visit_items i on i.visit_id = v.id
         where v.id = any(${uuidArray(visitIds)})
           and (i.plan_id is null or not i.plan_id = any(${uuidArray(floatingPlanIds)}))`,
  );
  return rows.rows.map(toItem);
}

/**
 * Items of these (fixed) plans whose occurrence is from `from` on but whose visit, moved before it (at
 * most MAX_SHIFT_DAYS earlier), is already past. Older items of fixed plans are history and never change.
 */
export async function movedEarlyItems(
  db: Executor,
  projectIds: readonly string[],
  planIds: readonly string[],
  from: IsoDate,
): Promise<CurrentItem[]> {
  if (!planIds.length) return [];
  const rows = await db.execute<ItemRow>(
    // The few recent visits first (by project and date), then their items (by visit): never the
    // plans' whole history through the occurrence index.
    sql`with recent as materialized (
          select * from maintenance_visits
           where project_id = any(${uuidArray(projectIds)}) and kind = 'planned'
             and due_on >= ${from}::date - ${MAX_SHIFT_DAYS}::int and due_on < ${from}::date)
        select ${ITEM_COLUMNS}
          from recent v join maintenance_visit_items i on i.visit_id = v.id
         where i.nominal_on >= ${from}::date and i.plan_id = any(${uuidArray(planIds)})`,
  );
  return rows.rows.map(toItem);
}

/** Sets the item fingerprints of visits (after generation changed or first learnt their items). */
export async function setFingerprints(db: Executor, rows: readonly { id: string; fingerprint: string }[]) {
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    await db.execute(
      sql`update maintenance_visits v set items_fingerprint = u.f
            from unnest(${uuidArray(part.map((r) => r.id))}, ${sql.param(part.map((r) => r.fingerprint))}::text[]) as u(id, f)
           where v.id = u.id`,
    );
  }
}

export async function insertVisits(
  db: Executor,
  rows: (CurrentVisit & { createdAt: Date; nextFlagAt: Date; fingerprint: string })[],
) {
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    const col = <K extends keyof (typeof part)[number]>(k: K) => sql.param(part.map((r) => r[k]));
    await db.execute(
      sql`insert into maintenance_visits (id, customer_id, project_id, due_on, work_order_id, created_at, next_flag_at,
                                          items_fingerprint)
          select * from unnest(${col('id')}::uuid[], ${col('customerId')}::uuid[], ${col('projectId')}::uuid[],
                               ${col('dueOn')}::date[], ${col('workOrderId')}::uuid[],
                               ${sql.param(part.map((r) => r.createdAt.toISOString()))}::timestamptz[],
                               ${sql.param(part.map((r) => r.nextFlagAt.toISOString()))}::timestamptz[],
                               ${col('fingerprint')}::text[])`,
    );
  }
}

export interface NewItem extends ItemPair {
  visitId: string;
  customerId: string;
  nominalOn: IsoDate;
  /** The reason as JSON text (shared by the occurrences of a plan on a date). */
  reasonJson: string;
}

export async function insertItems(db: Executor, rows: readonly NewItem[]) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    const col = <K extends keyof NewItem>(k: K) => sql.param(part.map((r) => r[k]));
    // The reasons repeat (a plan's items share their dates): each distinct one is sent and parsed once,
    // and the rows carry its position.
    const reasons = new Map<string, number>();
    const at = part.map((r) => {
      let n = reasons.get(r.reasonJson);
      if (n === undefined) {
        n = reasons.size + 1;
        reasons.set(r.reasonJson, n);
      }
      return n;
    });
    // Index locality: the rows go in by asset, so the asset index is written in order and the occurrence
    // index (plan first) at one place per plan of the batch, and their ids are time-ordered like UUIDv7
    // (the statement's millisecond, the row's position, then random bits; PostgreSQL 18's uuidv7() is
    // not in 15), so the primary key grows at its end — not at random pages of indexes far larger than
    // the buffer cache.
    const millis = Date.now().toString(16).padStart(12, '0');
    await db.execute(
      sql`with r as (select array_agg(j::jsonb order by n) as list
                       from unnest(${sql.param([...reasons.keys()])}::text[]) with ordinality as x(j, n))
          insert into maintenance_visit_items (id, visit_id, customer_id, plan_id, asset_id, template_id, nominal_on, reason)
          select (${millis} || '7' || lpad(to_hex(o >> 16), 3, '0') || '8' || lpad(to_hex(o & 65535), 4, '0')
                  || right(gen_random_uuid()::text, 11))::uuid,
                 v, c, p, a, t, n, r.list[k]
            from (select *, row_number() over (order by a, t, n)::int as o
                    from unnest(${col('visitId')}::uuid[], ${col('customerId')}::uuid[], ${col('planId')}::uuid[],
                                ${col('assetId')}::uuid[], ${col('templateId')}::uuid[], ${col('nominalOn')}::date[],
                                ${sql.param(at)}::int[]) as u(v, c, p, a, t, n, k)
                   order by o) u, r`,
    );
  }
}

export async function deleteItems(db: Executor, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += 20_000)
    await db.execute(
      sql`delete from maintenance_visit_items where id = any(${uuidArray(ids.slice(i, i + 20_000))})`,
    );
}

/** The assets on each of these visits now (after this generation's deletes and inserts). */
export async function assetsOfVisits(db: Executor, visitIds: readonly string[]) {
  if (!visitIds.length) return new Map<string, { assetIds: string[]; planIds: string[] }>();
  const rows = await db.execute<{ visit_id: string; asset_ids: string[]; plan_ids: string[] }>(
    sql`select visit_id, array_agg(distinct asset_id) as asset_ids, array_agg(distinct plan_id) as plan_ids
          from maintenance_visit_items where visit_id = any(${uuidArray(visitIds)}) group by visit_id`,
  );
  return new Map(rows.rows.map((r) => [r.visit_id, { assetIds: r.asset_ids, planIds: r.plan_ids }]));
}

export async function deleteVisits(db: Executor, ids: readonly string[]) {
  if (ids.length) await db.execute(sql`delete from maintenance_visits where id = any(${uuidArray(ids)})`);
}

/** Project ids with an active plan, in id order (the batches of `generateAll`). */
export async function projectsWithActivePlans(db: Executor): Promise<string[]> {
  const rows = await db.execute<{ project_id: string }>(
    sql`select distinct project_id from maintenance_plans where active order by project_id`,
  );
  return rows.rows.map((r) => r.project_id);
}
