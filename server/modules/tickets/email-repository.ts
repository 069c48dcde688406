// SQL of the email channel's proofs and of the inbound-mail record (the rest of the channel's reads
// are in repository.ts).
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { inboundEmails, ticketMessages, tickets } from './schema.ts';

export async function ticketIdByReplyToken(db: Executor, token: string) {
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.replyToken, token));
  return row?.id;
}

/** The ticket of one of our own public replies among these Message-IDs (not the customer's mails). */
export async function ticketIdBySentMessageId(db: Executor, messageIds: string[]) {
  if (!messageIds.length) return undefined;
  const [row] = await db
    .select({ ticketId: ticketMessages.ticketId })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.kind, 'public_reply'), inArray(ticketMessages.emailMessageId, messageIds)))
    .limit(1);
  return row?.ticketId;
}

export async function completeInboundEmail(
  db: Executor,
  id: string,
  values: { ticketId: string; attachmentIds: string[]; bodyText: string },
) {
  await db.update(inboundEmails).set(values).where(eq(inboundEmails.id, id));
}
