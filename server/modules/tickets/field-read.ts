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

/** The customer and number of each ticket, by id (complaints check a ticket belongs to the complainant). */
export async function ticketOwners(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { customerId: string; number: string; team: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: tickets.id, customerId: tickets.customerId, number: tickets.number, team: tickets.team })
    .from(tickets)
    .where(inArray(tickets.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
