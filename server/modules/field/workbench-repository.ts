// The field figures of the workbenches and the global search, each on an index of its table.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { countUpTo } from '../../db/count-up-to.ts';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { workOrders } from './schema.ts';

// Listed rather than "not in (completed, cancelled)" so that the status index serves the range.
const OPEN_STATUSES = [
  'new',
  'assigned',
  'accepted',
  'travelling',
  'on_site',
  'diagnosed',
  'repairing',
] as const;

/** Open work orders without an engineer (work_orders_engineer_idx on its null prefix). */
export async function unassignedCount(db: Executor) {
  return countUpTo(
    db,
    workOrders,
    and(isNull(workOrders.engineerId), inArray(workOrders.status, [...OPEN_STATUSES])),
  );
}

/** Per engineer: open work orders, and those scheduled in [from, to) (work_orders_status_idx). */
export async function loadPerEngineer(db: Executor, from: Date, to: Date) {
  return db
    .select({
      engineerId: sql<string>`${workOrders.engineerId}`,
      open: sql<number>`count(*)::int`,
      today: sql<number>`count(*) filter (where ${workOrders.scheduledAt} >= ${from} and ${workOrders.scheduledAt} < ${to})::int`,
    })
    .from(workOrders)
    .where(and(inArray(workOrders.status, [...OPEN_STATUSES]), isNotNull(workOrders.engineerId)))
    .groupBy(workOrders.engineerId);
}

/** The customer's next planned visit (work_orders_customer_idx). */
export async function nextVisitOf(db: Executor, customerId: string, now: Date) {
  const [row] = await db
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.customerId, customerId),
        inArray(workOrders.status, [...OPEN_STATUSES]),
        gte(workOrders.scheduledAt, now),
      ),
    )
    .orderBy(asc(workOrders.scheduledAt))
    .limit(1);
  return row;
}

/** The customer's latest completed work with a repair report. */
export async function reportsOf(db: Executor, customerId: string, limit: number) {
  return db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      ticketId: workOrders.ticketId,
      completedAt: workOrders.completedAt,
    })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.customerId, customerId),
        eq(workOrders.status, 'completed'),
        isNotNull(workOrders.reportFileId),
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(limit);
}

/** Work orders whose number is or starts with `prefix` (the unique number index). */
export async function workOrdersByNumber(
  db: Executor,
  scope: Scope,
  prefix: string,
  engineerId: string | null,
  limit: number,
) {
  const upper = prefix.toUpperCase();
  return db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      summary: workOrders.summary,
      ticketId: workOrders.ticketId,
    })
    .from(workOrders)
    .where(
      and(
        gte(workOrders.number, upper),
        lt(workOrders.number, `${upper}\u{10FFFF}`),
        sql`${workOrders.number} like ${`${upper.replace(/[%_\\]/g, '\\$&')}%`}`,
        scopeFilter(workOrders.customerId, scope),
        engineerId ? eq(workOrders.engineerId, engineerId) : undefined,
      ),
    )
    .orderBy(asc(workOrders.number))
    .limit(limit);
}
