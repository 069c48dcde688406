// A read model for the followups module (回访 after a consultation is answered, 篇1 四.1): the
// consultations resolved in a window of server time, oldest first (tickets_consultation_resolved_idx).
import { and, asc, eq, gt, isNotNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { tickets } from './schema.ts';

export interface ResolvedConsultation {
  ticketId: string;
  number: string;
  customerId: string;
  projectId: string | null;
  contactId: string | null;
  resolvedAt: Date;
}

export async function consultationsResolvedSince(
  db: Executor,
  after: Date,
  until: Date,
  limit: number,
): Promise<ResolvedConsultation[]> {
  return db
    .select({
      ticketId: tickets.id,
      number: tickets.number,
      customerId: tickets.customerId,
      projectId: tickets.projectId,
      contactId: tickets.contactId,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.kind, 'consultation'),
        isNotNull(tickets.resolvedAt),
        gt(tickets.resolvedAt, after),
        lte(tickets.resolvedAt, until),
      ),
    )
    .orderBy(asc(tickets.resolvedAt))
    .limit(limit) as Promise<ResolvedConsultation[]>;
}
