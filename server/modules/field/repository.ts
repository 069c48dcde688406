// Every SQL statement of the field module: work orders, their events, engineer profiles
// and the field settings. Nothing here decides policy.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { files } from '../../platform/schema.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { engineerProfiles, fieldSettings, workOrderEvents, workOrders } from './schema.ts';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type WorkOrderEventRow = typeof workOrderEvents.$inferSelect;
export type EngineerProfileRow = typeof engineerProfiles.$inferSelect;
export type FieldSettingsRow = typeof fieldSettings.$inferSelect;

const OPEN = sql`${workOrders.status} not in ('completed', 'cancelled')`;

// ---------- work orders ----------
export async function findWorkOrder(db: Executor, id: string): Promise<WorkOrderRow | undefined> {
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id));
  return row;
}

export async function insertWorkOrder(db: Executor, values: typeof workOrders.$inferInsert) {
  const [row] = await db.insert(workOrders).values(values).returning();
  return row!;
}

export async function updateWorkOrderVersioned(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof workOrders.$inferInsert>,
) {
  return updateVersioned(db, workOrders, 'Work order', id, version, values);
}

/** Sets fields of a work order and moves its version on. */
export async function updateWorkOrder(
  db: Executor,
  id: string,
  values: Partial<typeof workOrders.$inferInsert>,
  bumpVersion = true,
) {
  await db
    .update(workOrders)
    .set({ ...values, ...(bumpVersion ? { version: sql`${workOrders.version} + 1` } : {}) })
    .where(eq(workOrders.id, id));
}

export interface WorkOrderFilter {
  engineerId?: string;
  open?: boolean;
  unassigned?: boolean;
  ticketId?: string;
}

export async function listWorkOrders(db: Executor, filter: WorkOrderFilter, limit: number) {
  const where: (SQL | undefined)[] = [
    filter.engineerId ? eq(workOrders.engineerId, filter.engineerId) : undefined,
    filter.open ? OPEN : undefined,
    filter.unassigned ? isNull(workOrders.engineerId) : undefined,
    filter.ticketId ? eq(workOrders.ticketId, filter.ticketId) : undefined,
  ];
  return db
    .select()
    .from(workOrders)
    .where(and(...where))
    .orderBy(desc(workOrders.emergency), asc(workOrders.scheduledAt), desc(workOrders.createdAt))
    .limit(limit);
}

/** The same filter, every row in pages for an export: newest number first, after the last number. */
export async function pageWorkOrders(
  db: Executor,
  filter: WorkOrderFilter,
  afterNumber: string | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [
    filter.engineerId ? eq(workOrders.engineerId, filter.engineerId) : undefined,
    filter.open ? OPEN : undefined,
    filter.unassigned ? isNull(workOrders.engineerId) : undefined,
    filter.ticketId ? eq(workOrders.ticketId, filter.ticketId) : undefined,
    afterNumber ? sql`${workOrders.number} < ${afterNumber}` : undefined,
  ];
  return db
    .select()
    .from(workOrders)
    .where(and(...where))
    .orderBy(desc(workOrders.number))
    .limit(limit + 1);
}

export async function completedOfTicket(db: Executor, ticketId: string, customerId: string) {
  return db
    .select({ id: workOrders.id, number: workOrders.number, completedAt: workOrders.completedAt })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.ticketId, ticketId),
        eq(workOrders.customerId, customerId),
        eq(workOrders.status, 'completed'),
      ),
    );
}

/** Open work orders per engineer. */
export async function openCounts(db: Executor, engineerIds: readonly string[]): Promise<Map<string, number>> {
  if (!engineerIds.length) return new Map();
  const rows = await db
    .select({ engineerId: workOrders.engineerId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(and(inArray(workOrders.engineerId, [...engineerIds]), OPEN))
    .groupBy(workOrders.engineerId);
  return new Map(rows.flatMap((r) => (r.engineerId ? [[r.engineerId, r.n] as const] : [])));
}

/** Work orders each engineer has scheduled in [from, to) — his jobs of the day. */
export async function scheduledCounts(
  db: Executor,
  engineerIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  if (!engineerIds.length) return new Map();
  const rows = await db
    .select({ engineerId: workOrders.engineerId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(
      and(
        inArray(workOrders.engineerId, [...engineerIds]),
        sql`${workOrders.status} <> 'cancelled'`,
        sql`${workOrders.scheduledAt} >= ${from.toISOString()}::timestamptz`,
        sql`${workOrders.scheduledAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(workOrders.engineerId);
  return new Map(rows.flatMap((r) => (r.engineerId ? [[r.engineerId, r.n] as const] : [])));
}

// ---------- the visit ----------
export async function eventsOf(db: Executor, workOrderId: string): Promise<WorkOrderEventRow[]> {
  return db
    .select()
    .from(workOrderEvents)
    .where(eq(workOrderEvents.workOrderId, workOrderId))
    .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.id));
}

export async function findEventByClientId(db: Executor, clientEventId: string) {
  const [row] = await db
    .select()
    .from(workOrderEvents)
    .where(eq(workOrderEvents.clientEventId, clientEventId));
  return row;
}

/** Inserts the event; undefined when the same client event is already there. */
export async function insertEvent(db: Executor, values: typeof workOrderEvents.$inferInsert) {
  const [row] = await db.insert(workOrderEvents).values(values).onConflictDoNothing().returning();
  return row;
}

// ---------- files the work order refers to (platform's table) ----------
/** How many of `ids` are files of the customer or of no customer. */
export async function countUsableFiles(db: Executor, ids: readonly string[], customerId: string) {
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        sql`${files.id} = any(${uuidArray(ids)})`,
        sql`(${files.customerId} = ${customerId} or ${files.customerId} is null)`,
      ),
    );
  return rows.length;
}

// ---------- engineer profiles ----------
export async function profilesOf(db: Executor, userIds: readonly string[]) {
  if (!userIds.length) return new Map<string, EngineerProfileRow>();
  const rows = await db
    .select()
    .from(engineerProfiles)
    .where(inArray(engineerProfiles.userId, [...userIds]));
  return new Map(rows.map((r) => [r.userId, r]));
}

/** Insert or update when the version matches; undefined on a stale version. */
export async function upsertProfile(
  db: Executor,
  userId: string,
  version: number,
  values: Omit<typeof engineerProfiles.$inferInsert, 'userId' | 'version' | 'updatedAt'>,
  now: Date,
) {
  const [row] = await db
    .insert(engineerProfiles)
    .values({ userId, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: engineerProfiles.userId,
      set: { ...values, version: sql`${engineerProfiles.version} + 1`, updatedAt: now },
      setWhere: sql`${engineerProfiles.version} = ${version}`,
    })
    .returning();
  return row;
}

// ---------- settings ----------
export async function findSettings(db: Executor): Promise<FieldSettingsRow | undefined> {
  const [row] = await db.select().from(fieldSettings).where(eq(fieldSettings.id, 1));
  return row;
}

/** Insert or update when the version matches; undefined on a stale version. */
export async function upsertSettings(
  db: Executor,
  version: number,
  values: {
    travelRatePerKmFen: number;
    travelCostRatePerKmFen: number;
    updatedBy: string | null;
  },
  now: Date,
) {
  const [row] = await db
    .insert(fieldSettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: fieldSettings.id,
      set: { ...values, version: sql`${fieldSettings.version} + 1`, updatedAt: now },
      setWhere: sql`${fieldSettings.version} = ${version}`,
    })
    .returning();
  return row;
}
