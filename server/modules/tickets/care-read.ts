// Read models for customer care (satisfaction surveys): closed tickets after a watermark, in the
// order they closed (partial index tickets_closed_idx), and a ticket's contact and team by id.
import { sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';

export interface SourceWatermark {
  at: Date;
  id: string | null;
}

export interface ClosedTicket {
  id: string;
  number: string;
  closedAt: Date;
  customerId: string;
  contactId: string | null;
  contactPhone: string | null;
  projectId: string | null;
  team: string;
  assigneeId: string | null;
  assetId: string | null;
}

/** Tickets closed after `after` (time, then id) and up to `until`, oldest first. */
export async function ticketsClosedAfter(
  db: Executor,
  after: SourceWatermark,
  until: Date,
  limit: number,
): Promise<ClosedTicket[]> {
  const afterId = after.id ?? '00000000-0000-0000-0000-000000000000';
  const r = await db.execute<{
    id: string;
    number: string;
    closed_at: Date;
    customer_id: string;
    contact_id: string | null;
    contact_phone: string | null;
    project_id: string | null;
    team: string;
    assignee_id: string | null;
    asset_id: string | null;
  }>(sql`select id, number, closed_at, customer_id, contact_id, contact_phone, project_id, team,
      assignee_id, asset_ids[1] as asset_id
    from tickets
    where closed_at is not null and (closed_at, id) > (${after.at}, ${afterId}::uuid) and closed_at <= ${until}
    order by closed_at, id limit ${limit}`);
  return r.rows.map((x) => ({
    id: x.id,
    number: x.number,
    closedAt: new Date(x.closed_at),
    customerId: x.customer_id,
    contactId: x.contact_id,
    contactPhone: x.contact_phone,
    projectId: x.project_id,
    team: x.team,
    assigneeId: x.assignee_id,
    assetId: x.asset_id,
  }));
}

export interface TicketCareFacts {
  number: string;
  contactId: string | null;
  contactPhone: string | null;
  team: string;
}

export async function ticketCareFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, TicketCareFacts>> {
  if (!ids.length) return new Map();
  const r = await db.execute<{
    id: string;
    number: string;
    contact_id: string | null;
    contact_phone: string | null;
    team: string;
  }>(
    sql`select id, number, contact_id, contact_phone, team from tickets where id = any(${uuidArray([...new Set(ids)])})`,
  );
  return new Map(
    r.rows.map((x) => [
      x.id,
      { number: x.number, contactId: x.contact_id, contactPhone: x.contact_phone, team: x.team },
    ]),
  );
}

/** The numbers of tickets by id (a survey answer shows its recovery ticket). */
export async function ticketNumbers(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await ticketCareFacts(db, ids))].map(([id, f]) => [id, f.number]));
}
