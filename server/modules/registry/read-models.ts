// Registry facts other modules read without going through a use case: small lookups, and SQL
// fragments for their list queries (a correlated subquery the registry writes against its own tables).
import { eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/pool.ts';
import { contacts, customers, projects } from './schema.ts';

/** The region a request comes from: its project's, else its customer's. */
export async function regionOf(
  db: Executor,
  where: { customerId: string; projectId: string | null },
): Promise<string | null> {
  if (where.projectId) {
    const [p] = await db
      .select({ region: projects.region })
      .from(projects)
      .where(eq(projects.id, where.projectId));
    if (p?.region) return p.region;
  }
  const [c] = await db
    .select({ region: customers.region })
    .from(customers)
    .where(eq(customers.id, where.customerId));
  return c?.region ?? null;
}

export async function contactEmailOf(db: Executor, contactId: string): Promise<string | null> {
  const [row] = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, contactId));
  return row?.email ?? null;
}

/** The customers an email address belongs to (their contacts, or the customer's own address). */
export async function customersWithEmail(db: Executor, email: string) {
  const r = await db.execute<{ customer_id: string; contact_id: string | null }>(sql`
    select customer_id, id as contact_id from contacts where lower(email) = lower(${email})
    union
    select id, null from customers where lower(contact_email) = lower(${email})`);
  return r.rows;
}

/** The name of the customer whose id is in `customerId` (a column of the caller's query). */
export function customerNameOf(customerId: AnyPgColumn): SQL<string> {
  // Qualified: drizzle names a column bare in a single-table query.
  const column = sql`${sql.identifier(getTableName(customerId.table))}.${sql.identifier(customerId.name)}`;
  return sql<string>`(select c.name from customers c where c.id = ${column})`;
}

export async function customerExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, id));
  return Boolean(row);
}

const likeOf = (term: string) => `%${term.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * The customers whose name contains `term` (two characters or more: the GIN index of the name's
 * 2-character grams, rechecked with ILIKE), at most 500: a ticket search asks for their tickets.
 */
export async function customerIdsNamed(db: Executor, term: string): Promise<string[]> {
  if ([...term].length < 2) return [];
  const r = await db.execute<{ id: string }>(sql`select c.id from customers c
    where text_bigrams(c.name) @> text_bigrams(${term}) and c.name ilike ${likeOf(term)} limit 500`);
  return r.rows.map((x) => x.id);
}

/** The assets whose serial contains `term` (three characters or more: the trigram index), at most 500. */
export async function assetIdsWithSerial(db: Executor, term: string): Promise<string[]> {
  if ([...term].length < 3) return [];
  const r = await db.execute<{ id: string }>(sql`select a.id from assets a
    where (a.serial || ' ' || coalesce(a.name, '') || ' ' || coalesce(a.location, '')) ilike ${likeOf(term)}
      and a.serial ilike ${likeOf(term)} limit 500`);
  return r.rows.map((x) => x.id);
}
