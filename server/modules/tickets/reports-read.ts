// Read models for the reports module (issue 19): tickets received in a period counted by channel and
// kind, fault reports by fault class, and a project's tickets of the period. One GROUP BY over the
// period's tickets (index tickets_created_idx / tickets_customer_idx), never the history.
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { tickets } from './schema.ts';

export interface TicketActivityFilter {
  from: Date;
  to: Date;
  customerId?: string;
  projectId?: string;
}

export interface TicketActivity {
  byChannelKind: { channel: string; kind: string; count: number }[];
  faultClasses: { key: string; count: number }[];
}

const where = (f: TicketActivityFilter) =>
  and(
    gte(tickets.createdAt, f.from),
    lt(tickets.createdAt, f.to),
    f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
    f.projectId ? eq(tickets.projectId, f.projectId) : undefined,
  );

/** Tickets created in [from, to): counts per channel × kind, and fault reports per fault class. */
export async function ticketActivity(db: Executor, f: TicketActivityFilter): Promise<TicketActivity> {
  const rows = await db
    .select({
      channel: tickets.channel,
      kind: tickets.kind,
      fault: sql<string>`coalesce(${tickets.faultCategory}, '')`,
      count: sql<number>`count(*)::int`,
    })
    .from(tickets)
    .where(where(f))
    .groupBy(tickets.channel, tickets.kind, sql`3`);
  const byChannelKind = new Map<string, { channel: string; kind: string; count: number }>();
  const faults = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.channel}\u0000${r.kind}`;
    const cur = byChannelKind.get(k) ?? { channel: r.channel, kind: r.kind, count: 0 };
    cur.count += Number(r.count);
    byChannelKind.set(k, cur);
    if (r.kind === 'fault_report') faults.set(r.fault, (faults.get(r.fault) ?? 0) + Number(r.count));
  }
  return {
    byChannelKind: [...byChannelKind.values()],
    faultClasses: [...faults].map(([key, count]) => ({ key, count })),
  };
}

/** A project's tickets created in [from, to), newest first (at most `limit`). */
export async function projectTicketsBetween(
  db: Executor,
  projectId: string,
  from: Date,
  to: Date,
  limit: number,
) {
  return db
    .select({
      number: tickets.number,
      subject: tickets.subject,
      kind: tickets.kind,
      status: tickets.status,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(where({ from, to, projectId }))
    .orderBy(desc(tickets.createdAt))
    .limit(limit);
}

/** The projects (with their customers) that had tickets created in [from, to). */
export async function projectsWithTicketsBetween(db: Executor, from: Date, to: Date) {
  return db
    .selectDistinct({ projectId: sql<string>`${tickets.projectId}`, customerId: tickets.customerId })
    .from(tickets)
    .where(
      and(gte(tickets.createdAt, from), lt(tickets.createdAt, to), sql`${tickets.projectId} is not null`),
    );
}
