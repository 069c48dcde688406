// Email channel: a mail received by the built-in SMTP receiver becomes a ticket, or a message of the
// ticket it answers (threaded by In-Reply-To/References, or the ticket number in the subject). The
// sender must be a known contact of the ticket's customer: unknown senders go to the triage list
// (no access granted) and a reply claiming another customer's ticket is quarantined. Only text is
// kept (HTML is reduced to text), so nothing a customer sends can run in anyone's browser.
import { createHash } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { storeFile } from '../files/index.ts';
import * as repo from './repository.ts';
import { appendMessage, createTicket } from './service.ts';

export type IntakeResult = {
  status: 'ticket_created' | 'appended' | 'triage' | 'quarantined' | 'duplicate';
  ticketId?: string;
};

const NUMBER_IN_SUBJECT = /\b([A-Z]{2}-\d{4}-\d{6})\b/;

/** Plain text of an HTML body: scripts and styles dropped, tags removed, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function bodyOf(mail: ParsedMail): string {
  const text = mail.text?.trim() || (typeof mail.html === 'string' ? htmlToText(mail.html) : '');
  return (text || '(empty message)').slice(0, 20_000);
}

async function saveAttachments(ctx: Ctx, blobs: BlobStore, mail: ParsedMail, customerId: string | null) {
  const ids: string[] = [];
  for (const a of mail.attachments.slice(0, 20)) {
    try {
      const meta = await storeFile(ctx, blobs, {
        name: a.filename ?? 'attachment',
        data: a.content,
        customerId,
      });
      ids.push(meta.id);
    } catch {
      // A type we do not accept (executables, HTML) is dropped; the message itself is kept.
    }
  }
  return ids;
}

export async function processInboundEmail(ctx: Ctx, blobs: BlobStore, raw: Buffer): Promise<IntakeResult> {
  const mail = await simpleParser(raw);
  const messageId = mail.messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@inbound.aftercare>`;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  const subject = (mail.subject ?? '').trim() || '(no subject)';
  const body = bodyOf(mail);
  const record = (
    status: IntakeResult['status'],
    extra: {
      reason?: string;
      customerId?: string | null;
      ticketId?: string | null;
      attachmentIds?: string[];
    } = {},
  ) =>
    repo.insertInboundEmail(ctx.db, {
      messageId,
      fromAddress: from,
      subject: subject.slice(0, 500),
      bodyText: body,
      status,
      reason: extra.reason ?? null,
      customerId: extra.customerId ?? null,
      ticketId: extra.ticketId ?? null,
      attachmentIds: extra.attachmentIds ?? [],
      receivedAt: ctx.clock.now(),
    });

  if ((await repo.listInboundByMessageId(ctx.db, messageId)).length) return { status: 'duplicate' };

  const owners = from ? await repo.customersByEmail(ctx.db, from) : [];
  const customerIds = [...new Set(owners.map((o) => o.customer_id))];
  const customerId = customerIds.length === 1 ? customerIds[0]! : null;
  const contactId = owners.find((o) => o.customer_id === customerId && o.contact_id)?.contact_id ?? null;

  const references = [
    mail.inReplyTo,
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ].filter((x): x is string => Boolean(x));
  let ticketId = await repo.ticketByEmailReference(ctx.db, references);
  const number = NUMBER_IN_SUBJECT.exec(subject)?.[1];
  if (!ticketId && number) ticketId = await repo.ticketIdByNumber(ctx.db, number);

  if (ticketId) {
    const ticket = await repo.findTicket(ctx.db, { kind: 'all' }, ticketId);
    if (!ticket || ticket.customerId !== customerId) {
      const row = await record('quarantined', {
        reason: 'the sender does not belong to the ticket’s customer',
        ticketId,
        customerId,
      });
      return row ? { status: 'quarantined', ticketId } : { status: 'duplicate' };
    }
    const attachmentIds = await saveAttachments(ctx, blobs, mail, ticket.customerId);
    const row = await record('appended', { ticketId, customerId, attachmentIds });
    if (!row) return { status: 'duplicate' };
    const senderCtx = {
      ...ctx,
      principal: { ...ctx.principal, label: `email:${from}`, displayName: mail.from?.value[0]?.name || from },
    };
    await appendMessage(senderCtx, ticket, 'customer_message', body, attachmentIds, messageId);
    return { status: 'appended', ticketId };
  }

  if (!customerId) {
    const row = await record('triage', {
      reason: customerIds.length > 1 ? 'the address belongs to several customers' : 'unknown sender',
    });
    return row ? { status: 'triage' } : { status: 'duplicate' };
  }

  const attachmentIds = await saveAttachments(ctx, blobs, mail, customerId);
  const senderCtx = {
    ...ctx,
    principal: { ...ctx.principal, label: `email:${from}`, displayName: mail.from?.value[0]?.name || from },
  };
  const ticket = await createTicket(senderCtx, {
    kind: 'other',
    customerId,
    contactId,
    channel: 'email',
    subject: subject.slice(0, 200),
    description: body,
    assetIds: [],
    attachmentIds,
    priority: 'normal',
    emergency: false,
    complexity: 'general',
  });
  await repo.setTicketEmailThread(ctx.db, ticket.id, messageId);
  await record('ticket_created', { ticketId: ticket.id, customerId, attachmentIds });
  return { status: 'ticket_created', ticketId: ticket.id };
}
