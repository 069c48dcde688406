// SQL of maintenance compliance and the overdue sweep: visits by due date, and the visits whose next
// overdue flag is due (a partial index on next_flag_at, so the sweep reads only what is due).
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../common/calendar-dates.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { maintenanceVisitFlags, maintenanceVisits } from './schema.ts';

export type VisitRow = typeof maintenanceVisits.$inferSelect;

export async function visitsDueBetween(
  db: Executor,
  scope: Scope,
  range: { from: IsoDate; to: IsoDate; customerId?: string; projectId?: string },
): Promise<VisitRow[]> {
  return db
    .select()
    .from(maintenanceVisits)
    .where(
      and(
        scopeFilter(maintenanceVisits.customerId, scope),
        gte(maintenanceVisits.dueOn, range.from),
        lte(maintenanceVisits.dueOn, range.to),
        range.customerId ? eq(maintenanceVisits.customerId, range.customerId) : undefined,
        range.projectId ? eq(maintenanceVisits.projectId, range.projectId) : undefined,
      ),
    );
}

/** Visits whose next flag is due, locked for this sweep (another instance skips them). */
export type FlaggedVisit = Pick<VisitRow, 'id' | 'customerId' | 'projectId' | 'dueOn' | 'workOrderId'> & {
  nextFlagAt: Date;
};

export async function claimDueFlags(db: Executor, now: Date, limit: number): Promise<FlaggedVisit[]> {
  const rows = await db.execute<{
    id: string;
    customer_id: string;
    project_id: string;
    due_on: string;
    work_order_id: string;
    next_flag_at: Date;
  }>(
    sql`select id, customer_id, project_id, due_on::text, work_order_id, next_flag_at from maintenance_visits
         where next_flag_at is not null and next_flag_at <= ${now.toISOString()}::timestamptz
         order by next_flag_at limit ${limit} for update skip locked`,
  );
  return rows.rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    projectId: r.project_id,
    dueOn: r.due_on,
    workOrderId: r.work_order_id,
    nextFlagAt: new Date(r.next_flag_at),
  }));
}

/** Records a level once; true when it is new (the primary key keeps it once per visit and level). */
export async function recordFlag(
  db: Executor,
  visitId: string,
  level: 'warning' | 'escalation',
  at: Date,
): Promise<boolean> {
  const rows = await db
    .insert(maintenanceVisitFlags)
    .values({ visitId, level, firedAt: at })
    .onConflictDoNothing()
    .returning({ visitId: maintenanceVisitFlags.visitId });
  return rows.length > 0;
}

export async function setNextFlag(db: Executor, ids: readonly string[], at: Date | null) {
  if (!ids.length) return;
  await db.execute(
    sql`update maintenance_visits set next_flag_at = ${at ? at.toISOString() : null}::timestamptz
         where id = any(${uuidArray(ids)})`,
  );
}

/** The levels fired for these visits. */
export async function flagsOf(db: Executor, visitIds: readonly string[]) {
  if (!visitIds.length) return new Map<string, string[]>();
  const rows = await db.execute<{ visit_id: string; level: string }>(
    sql`select visit_id, level from maintenance_visit_flags where visit_id = any(${uuidArray(visitIds)})`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows.rows) out.set(r.visit_id, [...(out.get(r.visit_id) ?? []), r.level]);
  return out;
}
