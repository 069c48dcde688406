// SQL of projects, contacts and acceptance records. Customer-scoped reads take a Scope.
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { acceptanceRecords, assets, contacts, customers, projects } from './schema.ts';

export type ProjectRow = typeof projects.$inferSelect & { customerName: string };
export const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

const projectColumns = { project: projects, customerName: customers.name };
const flatten = (r: { project: typeof projects.$inferSelect; customerName: string }): ProjectRow => ({
  ...r.project,
  customerName: r.customerName,
});

export async function listProjects(
  db: Executor,
  scope: Scope,
  filter: { q?: string; customerId?: string; status?: string },
  after: CursorKey | null,
  limit: number,
): Promise<ProjectRow[]> {
  const where: (SQL | undefined)[] = [
    scopeFilter(projects.customerId, scope),
    filter.q
      ? or(ilike(projects.name, likePattern(filter.q)), ilike(projects.code, likePattern(filter.q)))
      : undefined,
    filter.customerId ? eq(projects.customerId, filter.customerId) : undefined,
    filter.status ? eq(projects.status, filter.status as ProjectRow['status']) : undefined,
    after ? sql`(${projects.name}, ${projects.id}) > (${after.v}, ${after.id})` : undefined,
  ];
  const rows = await db
    .select(projectColumns)
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customerId))
    .where(and(...where))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(limit + 1);
  return rows.map(flatten);
}

export async function findProject(db: Executor, scope: Scope, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select(projectColumns)
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customerId))
    .where(and(eq(projects.id, id), scopeFilter(projects.customerId, scope)));
  return row ? flatten(row) : undefined;
}

export async function insertProject(db: Executor, values: typeof projects.$inferInsert) {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

export async function listContacts(db: Executor, scope: Scope, customerId: string) {
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), scopeFilter(contacts.customerId, scope)))
    .orderBy(asc(contacts.name));
}

export async function findContact(db: Executor, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), scopeFilter(contacts.customerId, scope)));
  return row;
}

export async function insertContact(db: Executor, values: typeof contacts.$inferInsert) {
  const [row] = await db.insert(contacts).values(values).returning();
  return row!;
}

export async function insertAcceptance(db: Executor, values: typeof acceptanceRecords.$inferInsert) {
  const [row] = await db.insert(acceptanceRecords).values(values).returning();
  return row!;
}

export async function listAcceptance(db: Executor, scope: Scope, projectId: string) {
  return db
    .select()
    .from(acceptanceRecords)
    .where(and(eq(acceptanceRecords.projectId, projectId), scopeFilter(acceptanceRecords.customerId, scope)))
    .orderBy(asc(acceptanceRecords.performedOn), asc(acceptanceRecords.createdAt));
}

/** Acceptance starts the warranty of every piece of the project's equipment not yet accepted. */
export async function acceptProjectAssets(db: Executor, projectId: string, acceptedOn: string) {
  return db
    .update(assets)
    .set({
      acceptanceDate: acceptedOn,
      status: sql`case when ${assets.status} = 'installed' then 'in_service' else ${assets.status} end`,
      version: sql`${assets.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(assets.projectId, projectId), sql`${assets.acceptanceDate} is null`))
    .returning({ id: assets.id, customerId: assets.customerId, serial: assets.serial });
}

/** Customers that look like the given one: same phone, or a similar name (trigram). */
export async function findSimilarCustomers(
  db: Executor,
  name: string | undefined,
  phone: string | undefined,
) {
  const conditions: SQL[] = [];
  if (phone) conditions.push(eq(customers.contactPhone, phone));
  if (name) conditions.push(sql`similarity(${customers.name}, ${name}) > 0.4`);
  if (!conditions.length) return [];
  return db
    .select({
      id: customers.id,
      code: customers.code,
      name: customers.name,
      contactPhone: customers.contactPhone,
      score: name ? sql<number>`similarity(${customers.name}, ${name})` : sql<number>`1`,
    })
    .from(customers)
    .where(or(...conditions))
    .orderBy(sql`5 desc`)
    .limit(10);
}

/** Customers and contacts whose phone contains the digits typed (quick entry of a call). */
export async function findByPhone(db: Executor, digits: string) {
  const like = `%${digits}%`;
  const r = await db.execute<{
    customer_id: string;
    customer_name: string;
    customer_code: string;
    contact_id: string | null;
    contact_name: string | null;
    phone: string;
  }>(sql`
    select c.id as customer_id, c.name as customer_name, c.code as customer_code, null::uuid as contact_id, c.contact_name as contact_name, c.contact_phone as phone
      from customers c where regexp_replace(coalesce(c.contact_phone, ''), '\\D', '', 'g') like ${like}
    union all
    select c.id, c.name, c.code, k.id, k.name, k.phone
      from contacts k join customers c on c.id = k.customer_id
     where regexp_replace(coalesce(k.phone, ''), '\\D', '', 'g') like ${like}
    limit 20`);
  return r.rows;
}
