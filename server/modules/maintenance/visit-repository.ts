// Every SQL statement of the visit on the phone: answers, rectification suggestions and records.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/scope.ts';
import {
  maintenanceAnswers,
  maintenanceRecords,
  maintenanceSuggestions,
  maintenanceVisitItems,
  maintenanceVisits,
} from './schema.ts';

export type AnswerRow = typeof maintenanceAnswers.$inferSelect;
export type SuggestionRow = typeof maintenanceSuggestions.$inferSelect;
export type RecordRow = typeof maintenanceRecords.$inferSelect;
export type VisitRow = typeof maintenanceVisits.$inferSelect;

export async function findVisit(db: Executor, scope: Scope, id: string): Promise<VisitRow | undefined> {
  const [row] = await db
    .select()
    .from(maintenanceVisits)
    .where(and(eq(maintenanceVisits.id, id), scopeFilter(maintenanceVisits.customerId, scope)));
  return row;
}

export async function findVisitOfWorkOrder(db: Executor, scope: Scope, workOrderId: string) {
  const [row] = await db
    .select()
    .from(maintenanceVisits)
    .where(
      and(eq(maintenanceVisits.workOrderId, workOrderId), scopeFilter(maintenanceVisits.customerId, scope)),
    );
  return row;
}

/** Answers, signing and review of one visit take turns. */
export async function lockVisit(db: Executor, id: string) {
  await db.execute(sql`select id from maintenance_visits where id = ${id} for update`);
}

export async function itemsOfVisit(db: Executor, visitId: string) {
  return db
    .select()
    .from(maintenanceVisitItems)
    .where(eq(maintenanceVisitItems.visitId, visitId))
    .orderBy(maintenanceVisitItems.assetId, maintenanceVisitItems.templateId);
}

export async function answersOf(db: Executor, visitId: string): Promise<AnswerRow[]> {
  return db.select().from(maintenanceAnswers).where(eq(maintenanceAnswers.visitId, visitId));
}

/** The answer unless a later one (by the phone's time) is already there; undefined when it is older. */
export async function upsertAnswer(db: Executor, values: typeof maintenanceAnswers.$inferInsert) {
  const { visitItemId: _i, key: _k, visitId: _v, customerId: _c, ...changes } = values;
  const [row] = await db
    .insert(maintenanceAnswers)
    .values(values)
    .onConflictDoUpdate({
      target: [maintenanceAnswers.visitItemId, maintenanceAnswers.key],
      set: changes,
      setWhere: sql`${maintenanceAnswers.answeredAt} < excluded.answered_at`,
    })
    .returning();
  return row;
}

// ---------- suggestions ----------
export async function suggestionsOf(
  db: Executor,
  scope: Scope,
  filter: { visitId?: string; customerId?: string },
): Promise<SuggestionRow[]> {
  return db
    .select()
    .from(maintenanceSuggestions)
    .where(
      and(
        scopeFilter(maintenanceSuggestions.customerId, scope),
        filter.visitId ? eq(maintenanceSuggestions.visitId, filter.visitId) : undefined,
        filter.customerId ? eq(maintenanceSuggestions.customerId, filter.customerId) : undefined,
      ),
    )
    .orderBy(desc(maintenanceSuggestions.createdAt))
    .limit(500);
}

export async function findSuggestion(db: Executor, scope: Scope, id: string, lock = false) {
  const q = db
    .select()
    .from(maintenanceSuggestions)
    .where(and(eq(maintenanceSuggestions.id, id), scopeFilter(maintenanceSuggestions.customerId, scope)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertSuggestionIfAbsent(
  db: Executor,
  values: typeof maintenanceSuggestions.$inferInsert,
) {
  await db.insert(maintenanceSuggestions).values(values).onConflictDoNothing();
}

/** A danger answered away (the check passes after all) takes its suggestion with it, unless a ticket is open. */
export async function deleteUnticketedSuggestion(db: Executor, visitItemId: string, key: string) {
  await db
    .delete(maintenanceSuggestions)
    .where(
      and(
        eq(maintenanceSuggestions.visitItemId, visitItemId),
        eq(maintenanceSuggestions.itemKey, key),
        sql`${maintenanceSuggestions.ticketId} is null`,
      ),
    );
}

export async function setSuggestionTicket(db: Executor, id: string, ticketId: string, now: Date) {
  await db
    .update(maintenanceSuggestions)
    .set({ ticketId, updatedAt: now, version: sql`${maintenanceSuggestions.version} + 1` })
    .where(eq(maintenanceSuggestions.id, id));
}

// ---------- records ----------
export async function findRecord(
  db: Executor,
  scope: Scope,
  visitId: string,
): Promise<RecordRow | undefined> {
  const [row] = await db
    .select()
    .from(maintenanceRecords)
    .where(and(eq(maintenanceRecords.visitId, visitId), scopeFilter(maintenanceRecords.customerId, scope)));
  return row;
}

export async function insertRecord(db: Executor, values: typeof maintenanceRecords.$inferInsert) {
  const [row] = await db.insert(maintenanceRecords).values(values).returning();
  return row!;
}

/** Changes a record at the version the caller saw; undefined when it moved on (409). */
export async function updateRecord(
  db: Executor,
  visitId: string,
  version: number | null,
  changes: Partial<typeof maintenanceRecords.$inferInsert>,
) {
  const [row] = await db
    .update(maintenanceRecords)
    .set({ ...changes, version: sql`${maintenanceRecords.version} + 1` })
    .where(
      and(
        eq(maintenanceRecords.visitId, visitId),
        version === null ? undefined : eq(maintenanceRecords.version, version),
      ),
    )
    .returning();
  return row;
}

export async function listRecords(
  db: Executor,
  scope: Scope,
  filter: { statuses?: string[]; customerId?: string; engineerId?: string },
) {
  return db
    .select({ record: maintenanceRecords, visit: maintenanceVisits })
    .from(maintenanceRecords)
    .innerJoin(maintenanceVisits, eq(maintenanceVisits.id, maintenanceRecords.visitId))
    .where(
      and(
        scopeFilter(maintenanceRecords.customerId, scope),
        filter.statuses
          ? inArray(maintenanceRecords.status, filter.statuses as RecordRow['status'][])
          : undefined,
        filter.customerId ? eq(maintenanceRecords.customerId, filter.customerId) : undefined,
        filter.engineerId ? eq(maintenanceRecords.engineerId, filter.engineerId) : undefined,
      ),
    )
    .orderBy(desc(maintenanceRecords.signedAt))
    .limit(500);
}

export async function dangerCounts(db: Executor, visitIds: readonly string[]) {
  if (!visitIds.length) return new Map<string, number>();
  const rows = await db
    .select({ visitId: maintenanceAnswers.visitId, n: sql<number>`count(*)::int` })
    .from(maintenanceAnswers)
    .where(and(inArray(maintenanceAnswers.visitId, [...visitIds]), eq(maintenanceAnswers.danger, true)))
    .groupBy(maintenanceAnswers.visitId);
  return new Map(rows.map((r) => [r.visitId, r.n]));
}
