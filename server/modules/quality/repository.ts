// Every SQL statement of the quality module: settings, alerts, cases with their timeline, the records
// a decision raises, and the field feedback forms.
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { TAlertGroupKind, TAlertStatus } from '../../../common/quality-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import {
  qualityAlerts,
  qualityCaseEvents,
  qualityCases,
  qualityFeedbackForms,
  qualityImprovementRequests,
  qualitySettings,
  qualityTrainingNeeds,
} from './schema.ts';

export type AlertRow = typeof qualityAlerts.$inferSelect;
export type CaseRow = typeof qualityCases.$inferSelect;
export type FeedbackRow = typeof qualityFeedbackForms.$inferSelect;
export type SettingsRow = typeof qualitySettings.$inferSelect;

// ---------- settings ----------
export async function findSettings(db: Executor): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(qualitySettings).where(eq(qualitySettings.id, 1));
  return row;
}

/** Insert or update when the version matches; undefined on a stale version. */
export async function upsertSettings(
  db: Executor,
  version: number,
  values: Omit<typeof qualitySettings.$inferInsert, 'id' | 'version' | 'updatedAt'>,
  now: Date,
) {
  const [row] = await db
    .insert(qualitySettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: qualitySettings.id,
      set: { ...values, version: sql`${qualitySettings.version} + 1`, updatedAt: now },
      setWhere: sql`${qualitySettings.version} = ${version}`,
    })
    .returning();
  return row;
}

/** Newest first, keyed on (time column, id). */
function before(column: PgColumn, id: PgColumn, after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  const at = new Date(String(after.v));
  return or(lt(column, at), and(eq(column, at), lt(id, after.id)));
}

// ---------- alerts ----------
export async function insertAlert(tx: Executor, values: typeof qualityAlerts.$inferInsert) {
  const [row] = await tx.insert(qualityAlerts).values(values).returning();
  return row!;
}

export async function updateAlert(
  tx: Executor,
  id: string,
  values: Partial<typeof qualityAlerts.$inferInsert>,
) {
  const [row] = await tx
    .update(qualityAlerts)
    .set({ ...values, version: sql`${qualityAlerts.version} + 1`, updatedAt: sql`now()` })
    .where(eq(qualityAlerts.id, id))
    .returning();
  return row!;
}

export async function findAlert(db: Executor, id: string) {
  const [row] = await db.select().from(qualityAlerts).where(eq(qualityAlerts.id, id));
  return row;
}

/** The alert of a group that is not closed (at most one), else its latest one. */
export async function latestAlertOf(
  db: Executor,
  kind: TAlertGroupKind,
  groupId: string,
  faultCategory: string,
) {
  const [row] = await db
    .select()
    .from(qualityAlerts)
    .where(
      and(
        eq(qualityAlerts.groupKind, kind),
        eq(qualityAlerts.groupId, groupId),
        eq(qualityAlerts.faultCategory, faultCategory),
      ),
    )
    .orderBy(sql`${qualityAlerts.status} = 'closed'`, desc(qualityAlerts.raisedAt))
    .limit(1);
  return row;
}

export async function listAlerts(
  db: Executor,
  status: TAlertStatus | undefined,
  after: CursorKey | null,
  limit: number,
) {
  return db
    .select()
    .from(qualityAlerts)
    .where(
      and(
        status ? eq(qualityAlerts.status, status) : undefined,
        before(qualityAlerts.raisedAt, qualityAlerts.id, after),
      ),
    )
    .orderBy(desc(qualityAlerts.raisedAt), desc(qualityAlerts.id))
    .limit(limit + 1);
}

export async function closeAlertsOfCase(tx: Executor, caseId: string) {
  await tx
    .update(qualityAlerts)
    .set({ status: 'closed', version: sql`${qualityAlerts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(qualityAlerts.caseId, caseId), sql`${qualityAlerts.status} <> 'closed'`));
}

// ---------- cases ----------
export async function insertCase(tx: Executor, values: typeof qualityCases.$inferInsert) {
  const [row] = await tx.insert(qualityCases).values(values).returning();
  return row!;
}

export async function findCase(db: Executor, id: string) {
  const [row] = await db.select().from(qualityCases).where(eq(qualityCases.id, id));
  return row;
}

export async function listCases(
  db: Executor,
  status: 'open' | 'closed' | undefined,
  after: CursorKey | null,
  limit: number,
) {
  return db
    .select()
    .from(qualityCases)
    .where(
      and(
        status ? eq(qualityCases.status, status) : undefined,
        before(qualityCases.createdAt, qualityCases.id, after),
      ),
    )
    .orderBy(desc(qualityCases.createdAt), desc(qualityCases.id))
    .limit(limit + 1);
}

export async function reopenCase(tx: Executor, id: string, alertId: string) {
  const [row] = await tx
    .update(qualityCases)
    .set({
      status: 'open',
      alertId,
      reopenCount: sql`${qualityCases.reopenCount} + 1`,
      version: sql`${qualityCases.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(qualityCases.id, id))
    .returning();
  return row!;
}

export async function addCaseEvent(tx: Executor, values: typeof qualityCaseEvents.$inferInsert) {
  await tx.insert(qualityCaseEvents).values(values);
}

export async function eventsOf(db: Executor, caseId: string) {
  return db
    .select()
    .from(qualityCaseEvents)
    .where(eq(qualityCaseEvents.caseId, caseId))
    .orderBy(qualityCaseEvents.id);
}

// ---------- records a decision raises ----------
export async function insertImprovement(
  tx: Executor,
  values: typeof qualityImprovementRequests.$inferInsert,
) {
  await tx.insert(qualityImprovementRequests).values(values);
}

export async function insertTrainingNeed(tx: Executor, values: typeof qualityTrainingNeeds.$inferInsert) {
  await tx.insert(qualityTrainingNeeds).values(values);
}

async function numberOf(
  db: Executor,
  table: PgTable & { number: PgColumn; caseId: PgColumn; createdAt: PgColumn },
  caseId: string,
) {
  const rows = await db
    .select({ number: table.number })
    .from(table)
    .where(eq(table.caseId, caseId))
    .orderBy(desc(table.createdAt))
    .limit(1);
  return (rows[0]?.number as string | undefined) ?? null;
}

export const improvementNumberOf = (db: Executor, caseId: string) =>
  numberOf(db, qualityImprovementRequests, caseId);
export const trainingNumberOf = (db: Executor, caseId: string) => numberOf(db, qualityTrainingNeeds, caseId);

// ---------- feedback forms ----------
export async function insertFeedback(tx: Executor, values: typeof qualityFeedbackForms.$inferInsert) {
  const [row] = await tx.insert(qualityFeedbackForms).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findFeedback(db: Executor, id: string) {
  const [row] = await db.select().from(qualityFeedbackForms).where(eq(qualityFeedbackForms.id, id));
  return row;
}

export async function feedbackOfWorkOrder(db: Executor, workOrderId: string) {
  const [row] = await db
    .select()
    .from(qualityFeedbackForms)
    .where(eq(qualityFeedbackForms.workOrderId, workOrderId));
  return row;
}

export async function listFeedback(db: Executor, after: CursorKey | null, limit: number) {
  return db
    .select()
    .from(qualityFeedbackForms)
    .where(before(qualityFeedbackForms.submittedAt, qualityFeedbackForms.id, after))
    .orderBy(desc(qualityFeedbackForms.submittedAt), desc(qualityFeedbackForms.id))
    .limit(limit + 1);
}

export async function linkFeedbackCase(tx: Executor, id: string, caseId: string) {
  await tx.update(qualityFeedbackForms).set({ caseId }).where(eq(qualityFeedbackForms.id, id));
}
