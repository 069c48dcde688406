// Every SQL statement of the returns module: settings, return requests and their timeline.
import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { CLOSED_RETURN_STATUSES, type TReturnListQuery } from '../../../common/returns-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { returnEvents, returnRequests, returnSettings } from './schema.ts';

export type ReturnRow = typeof returnRequests.$inferSelect;
export type EventRow = typeof returnEvents.$inferSelect;
export type SettingsRow = typeof returnSettings.$inferSelect;

// ---------- settings ----------
export async function findSettings(db: Executor): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(returnSettings).where(eq(returnSettings.id, 1));
  return row;
}

/** Insert or update when the version matches; undefined on a stale version. */
export async function upsertSettings(
  db: Executor,
  version: number,
  values: Omit<typeof returnSettings.$inferInsert, 'id' | 'version' | 'updatedAt'>,
  now: Date,
) {
  const [row] = await db
    .insert(returnSettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: returnSettings.id,
      set: { ...values, version: sql`${returnSettings.version} + 1`, updatedAt: now },
      setWhere: sql`${returnSettings.version} = ${version}`,
    })
    .returning();
  return row;
}

// ---------- returns ----------
export async function insertReturn(tx: Executor, values: typeof returnRequests.$inferInsert) {
  const [row] = await tx.insert(returnRequests).values(values).returning();
  return row!;
}

export async function findReturn(db: Executor, scope: Scope, id: string): Promise<ReturnRow | undefined> {
  const [row] = await db
    .select()
    .from(returnRequests)
    .where(and(eq(returnRequests.id, id), scopeFilter(returnRequests.customerId, scope)));
  return row;
}

/** An open return of this equipment (one at a time). */
export async function openReturnOf(db: Executor, assetId: string): Promise<ReturnRow | undefined> {
  const [row] = await db
    .select()
    .from(returnRequests)
    .where(
      and(
        eq(returnRequests.assetId, assetId),
        sql`${returnRequests.status} not in (${sql.join(
          CLOSED_RETURN_STATUSES.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      ),
    )
    .limit(1);
  return row;
}

/** Newest first, keyed by (created_at, id); the scope confines a customer to its organisation. */
export async function listReturns(
  db: Executor,
  scope: Scope,
  q: Omit<TReturnListQuery, 'cursor' | 'limit'>,
  after: CursorKey | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [scopeFilter(returnRequests.customerId, scope)];
  if (q.status) where.push(eq(returnRequests.status, q.status));
  if (q.outcome) where.push(eq(returnRequests.outcome, q.outcome));
  if (q.customerId) where.push(eq(returnRequests.customerId, q.customerId));
  if (q.open === 'true')
    where.push(sql`${returnRequests.status} not in ('completed','refused','training','rejected')`);
  if (q.open === 'false') where.push(inArray(returnRequests.status, [...CLOSED_RETURN_STATUSES]));
  if (q.q) {
    const like = `%${q.q.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
    where.push(
      or(
        sql`${returnRequests.number} ilike ${like}`,
        sql`${returnRequests.serial} ilike ${like}`,
        sql`${returnRequests.customerName} ilike ${like}`,
        sql`${returnRequests.productName} ilike ${like}`,
      ),
    );
  }
  if (after) {
    const at = new Date(String(after.v));
    where.push(
      or(
        lt(returnRequests.createdAt, at),
        and(eq(returnRequests.createdAt, at), lt(returnRequests.id, after.id)),
      ),
    );
  }
  return db
    .select()
    .from(returnRequests)
    .where(and(...where))
    .orderBy(desc(returnRequests.createdAt), desc(returnRequests.id))
    .limit(limit + 1);
}

// ---------- timeline ----------
export async function insertEvent(tx: Executor, values: typeof returnEvents.$inferInsert) {
  await tx.insert(returnEvents).values(values);
}

export async function eventsOf(db: Executor, returnId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(returnEvents)
    .where(eq(returnEvents.returnId, returnId))
    .orderBy(asc(returnEvents.id));
}
