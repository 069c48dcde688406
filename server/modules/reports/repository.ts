// Every SQL statement of the reports module: its runs, recipients and subscribers.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { TReportFigures, TReportKind, TReportLang } from '../../../common/reports-api.ts';
import type { Executor } from '../../db/pool.ts';
import { reportRecipients, reportRuns, reportSubscribers } from './schema.ts';

export type RunRow = typeof reportRuns.$inferSelect;
export type RecipientRow = typeof reportRecipients.$inferSelect;

const NO_PROJECT = '00000000-0000-0000-0000-000000000000';

export async function findRun(db: Executor, kind: TReportKind, period: string, projectId: string | null) {
  const [row] = await db
    .select()
    .from(reportRuns)
    .where(
      and(
        eq(reportRuns.kind, kind),
        eq(reportRuns.period, period),
        sql`coalesce(${reportRuns.projectId}, ${NO_PROJECT}::uuid) = ${projectId ?? NO_PROJECT}::uuid`,
      ),
    );
  return row;
}

export async function runById(db: Executor, id: string) {
  const [row] = await db.select().from(reportRuns).where(eq(reportRuns.id, id));
  return row;
}

export interface NewRun {
  kind: TReportKind;
  period: string;
  projectId: string | null;
  customerId: string | null;
  figures: TReportFigures;
  empty: boolean;
  trigger: 'job' | 'manual';
  generatedAt: Date;
  generatedBy: string | null;
}

/** Inserts the run unless one exists for the period (then null): the job run twice makes one report. */
export async function insertRun(db: Executor, run: NewRun): Promise<RunRow | null> {
  const rows = await db.insert(reportRuns).values(run).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

/** Replaces the figures of an existing run (generated again on demand). */
export async function replaceFigures(db: Executor, id: string, run: NewRun): Promise<RunRow> {
  const [row] = await db
    .update(reportRuns)
    .set({
      figures: run.figures,
      empty: run.empty,
      trigger: run.trigger,
      generatedAt: run.generatedAt,
      generatedBy: run.generatedBy,
    })
    .where(eq(reportRuns.id, id))
    .returning();
  return row!;
}

export async function addEmailed(db: Executor, id: string, n: number) {
  await db
    .update(reportRuns)
    .set({ emailedTo: sql`${reportRuns.emailedTo} + ${n}` })
    .where(eq(reportRuns.id, id));
}

export async function listRuns(
  db: Executor,
  q: { kind?: TReportKind; customerId?: string; limit: number },
): Promise<RunRow[]> {
  return db
    .select()
    .from(reportRuns)
    .where(
      and(
        q.kind ? eq(reportRuns.kind, q.kind) : undefined,
        q.customerId ? eq(reportRuns.customerId, q.customerId) : undefined,
      ),
    )
    .orderBy(desc(reportRuns.period), desc(reportRuns.generatedAt))
    .limit(q.limit);
}

export async function recipients(db: Executor): Promise<RecipientRow[]> {
  return db.select().from(reportRecipients).orderBy(asc(reportRecipients.position));
}

export async function replaceRecipients(
  db: Executor,
  rows: {
    userId: string | null;
    email: string | null;
    lang: TReportLang;
    weekly: boolean;
    monthly: boolean;
  }[],
) {
  await db.delete(reportRecipients);
  if (rows.length) await db.insert(reportRecipients).values(rows.map((r, position) => ({ ...r, position })));
}

export async function subscribers(db: Executor, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ contactId: reportSubscribers.contactId })
    .from(reportSubscribers)
    .where(eq(reportSubscribers.customerId, customerId));
  return rows.map((r) => r.contactId);
}

export async function replaceSubscribers(db: Executor, customerId: string, contactIds: string[]) {
  await db.delete(reportSubscribers).where(eq(reportSubscribers.customerId, customerId));
  if (contactIds.length)
    await db.insert(reportSubscribers).values(contactIds.map((contactId) => ({ customerId, contactId })));
}
