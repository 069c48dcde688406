// SQL of the inspection side: special and campaign visits, campaigns, date requests, reminders.
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { maintenanceCampaigns, maintenanceDateRequests, maintenanceVisits } from './schema.ts';

export type CampaignRow = typeof maintenanceCampaigns.$inferSelect;
export type DateRequestRow = typeof maintenanceDateRequests.$inferSelect;
export type VisitRow = typeof maintenanceVisits.$inferSelect;

export async function insertVisits(db: Executor, rows: (typeof maintenanceVisits.$inferInsert)[]) {
  const out: VisitRow[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    out.push(
      ...(await db
        .insert(maintenanceVisits)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  return out;
}

export async function findVisit(db: Executor, scope: Scope, id: string): Promise<VisitRow | undefined> {
  const [row] = await db
    .select()
    .from(maintenanceVisits)
    .where(and(eq(maintenanceVisits.id, id), scopeFilter(maintenanceVisits.customerId, scope)));
  return row;
}

export async function findVisits(db: Executor, ids: readonly string[]): Promise<VisitRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(maintenanceVisits)
    .where(inArray(maintenanceVisits.id, [...new Set(ids)]));
}

export async function lockVisit(db: Executor, id: string) {
  await db.execute(sql`select 1 from maintenance_visits where id = ${id} for update`);
}

export async function visitsOfTicket(db: Executor, ticketId: string): Promise<VisitRow[]> {
  return db
    .select()
    .from(maintenanceVisits)
    .where(eq(maintenanceVisits.ticketId, ticketId))
    .orderBy(desc(maintenanceVisits.createdAt));
}

/** The visits behind work orders (the dispatch board's due windows). */
export async function visitsOfWorkOrders(db: Executor, workOrderIds: readonly string[]) {
  if (!workOrderIds.length) return [];
  return db
    .select({
      workOrderId: maintenanceVisits.workOrderId,
      kind: maintenanceVisits.kind,
      dueOn: maintenanceVisits.dueOn,
      createdAt: maintenanceVisits.createdAt,
    })
    .from(maintenanceVisits)
    .where(inArray(maintenanceVisits.workOrderId, [...workOrderIds]));
}

export async function visitsOfAlert(db: Executor, alertId: string): Promise<VisitRow[]> {
  return db
    .select()
    .from(maintenanceVisits)
    .where(eq(maintenanceVisits.alertId, alertId))
    .orderBy(desc(maintenanceVisits.createdAt), maintenanceVisits.projectId);
}

/** Serialises starting inspections for one alert (a second request sees the first one's visits). */
export async function lockAlert(db: Executor, alertId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('maintenance.alert:' || ${alertId}))`);
}

/** The planned visit of a project on a day (the unique key a move must not break). */
export async function plannedVisitOn(db: Executor, projectId: string, dueOn: string) {
  const [row] = await db
    .select({ id: maintenanceVisits.id })
    .from(maintenanceVisits)
    .where(
      and(
        eq(maintenanceVisits.projectId, projectId),
        eq(maintenanceVisits.dueOn, dueOn),
        eq(maintenanceVisits.kind, 'planned'),
      ),
    );
  return row;
}

export async function moveVisit(db: Executor, id: string, dueOn: string, at: Date) {
  await db
    .update(maintenanceVisits)
    .set({ dueOn, rescheduledAt: at, remindedAt: null })
    .where(eq(maintenanceVisits.id, id));
}

/** A customer's visits from `from` on (the portal), soonest first. */
export async function upcomingVisits(db: Executor, scope: Scope, from: string, limit: number) {
  return db
    .select()
    .from(maintenanceVisits)
    .where(and(scopeFilter(maintenanceVisits.customerId, scope), gte(maintenanceVisits.dueOn, from)))
    .orderBy(asc(maintenanceVisits.dueOn))
    .limit(limit);
}

// ---------- campaigns ----------
export async function insertCampaign(db: Executor, values: typeof maintenanceCampaigns.$inferInsert) {
  const [row] = await db.insert(maintenanceCampaigns).values(values).returning();
  return row!;
}

export async function listCampaigns(db: Executor, limit: number): Promise<CampaignRow[]> {
  return db.select().from(maintenanceCampaigns).orderBy(desc(maintenanceCampaigns.createdAt)).limit(limit);
}

export async function findCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(maintenanceCampaigns).where(eq(maintenanceCampaigns.id, id));
  return row;
}

export async function visitsOfCampaigns(db: Executor, ids: readonly string[]): Promise<VisitRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(maintenanceVisits)
    .where(inArray(maintenanceVisits.campaignId, [...ids]))
    .orderBy(asc(maintenanceVisits.projectId));
}

// ---------- date requests ----------
export async function insertDateRequest(db: Executor, values: typeof maintenanceDateRequests.$inferInsert) {
  const [row] = await db.insert(maintenanceDateRequests).values(values).returning();
  return row!;
}

export async function findDateRequest(db: Executor, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(maintenanceDateRequests)
    .where(and(eq(maintenanceDateRequests.id, id), scopeFilter(maintenanceDateRequests.customerId, scope)));
  return row;
}

export async function listDateRequests(
  db: Executor,
  scope: Scope,
  filter: { status?: DateRequestRow['status']; visitIds?: readonly string[] },
  limit: number,
): Promise<DateRequestRow[]> {
  if (filter.visitIds && !filter.visitIds.length) return [];
  return db
    .select()
    .from(maintenanceDateRequests)
    .where(
      and(
        scopeFilter(maintenanceDateRequests.customerId, scope),
        filter.status ? eq(maintenanceDateRequests.status, filter.status) : undefined,
        filter.visitIds ? inArray(maintenanceDateRequests.visitId, [...filter.visitIds]) : undefined,
      ),
    )
    .orderBy(desc(maintenanceDateRequests.createdAt))
    .limit(limit);
}

export async function decideDateRequest(
  db: Executor,
  id: string,
  version: number,
  values: Pick<DateRequestRow, 'status' | 'decisionReason' | 'decidedBy' | 'decidedAt'>,
) {
  const [row] = await db
    .update(maintenanceDateRequests)
    .set({ ...values, updatedAt: values.decidedAt!, version: sql`${maintenanceDateRequests.version} + 1` })
    .where(
      and(
        eq(maintenanceDateRequests.id, id),
        eq(maintenanceDateRequests.version, version),
        eq(maintenanceDateRequests.status, 'pending'),
      ),
    )
    .returning();
  return row;
}

// ---------- reminders ----------
/**
 * Visits due between `from` and `to` whose contact has not been told yet (the partial index on due_on
 * of unreminded visits), locked and skipped by another instance reminding at the same time.
 */
export async function visitsToRemind(db: Executor, from: string, to: string, limit: number) {
  return db
    .select()
    .from(maintenanceVisits)
    .where(
      and(
        isNull(maintenanceVisits.remindedAt),
        gte(maintenanceVisits.dueOn, from),
        lte(maintenanceVisits.dueOn, to),
      ),
    )
    .orderBy(asc(maintenanceVisits.dueOn))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markReminded(db: Executor, ids: readonly string[], at: Date) {
  if (!ids.length) return;
  await db
    .update(maintenanceVisits)
    .set({ remindedAt: at })
    .where(inArray(maintenanceVisits.id, [...ids]));
}
