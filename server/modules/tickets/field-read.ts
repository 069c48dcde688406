// Ticket facts the field module shows on its work orders: number and contact, by id (staff-side).
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { tickets } from './schema.ts';

export async function ticketRefs(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { number: string; contactId: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: tickets.id, number: tickets.number, contactId: tickets.contactId })
    .from(tickets)
    .where(inArray(tickets.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
