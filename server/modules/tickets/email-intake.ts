// Email channel: a mail received by the built-in SMTP receiver becomes a ticket, or a message of the
// ticket it answers. The sender must be a known contact of the ticket's customer: unknown senders go
// to the triage list (no access granted) and a reply claiming another customer's ticket is
// quarantined. A reply joins its ticket only with proof that it answers our mail (reply-token.ts):
// the ticket number in the subject, or a reference to the customer's own mail, sends it to triage.
// Only text is kept (HTML is reduced to text), so nothing a customer sends can run in anyone's browser.
//
// One mail is one transaction: the Message-ID is claimed first (concurrent deliveries of the same
// mail act once), then attachments, ticket or message; a failure (answered 451, so the sender
// retries) rolls all of it back and removes the stored attachment files.
import { createHash } from 'node:crypto';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { BlobStore } from '../../platform/blob-store.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { storeFile, withFilesRemovedOnFailure } from '../files/index.ts';
import * as emailRepo from './email-repository.ts';
import { failedAuthentication, replyTokenIn } from './reply-token.ts';
import * as repo from './repository.ts';
import { appendMessage, createTicket } from './service.ts';

export type IntakeResult = {
  status: 'ticket_created' | 'appended' | 'triage' | 'quarantined' | 'duplicate';
  ticketId?: string;
};

export interface IntakeOptions {
  /** The upload limit (config.uploadMaxBytes): a larger attachment is dropped with a note. */
  maxAttachmentBytes: number;
  /** The SMTP envelope's recipients (RCPT TO), where a reply token may be. */
  recipients?: string[];
}

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

/** PostgreSQL refuses NUL in text (22021): a mail carrying one would fail on every retry. */
const withoutNul = (s: string) => s.replaceAll('\u0000', '');

function bodyOf(mail: ParsedMail): string {
  const text = mail.text?.trim() || (typeof mail.html === 'string' ? htmlToText(mail.html) : '');
  return withoutNul(text || '(empty message)').slice(0, 20_000);
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value.map((v) => v.address ?? ''));
}

function headerValues(mail: ParsedMail, name: string): string[] {
  return mail.headerLines
    .filter((h) => h.key === name)
    .map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' '));
}

const mebibytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Stores the mail's attachments; those too large or of a refused type are named in the returned notes. */
async function saveAttachments(
  ctx: Ctx,
  blobs: BlobStore,
  mail: ParsedMail,
  customerId: string | null,
  maxBytes: number,
) {
  const ids: string[] = [];
  const notes: string[] = [];
  for (const a of mail.attachments.slice(0, 20)) {
    const name = withoutNul(a.filename ?? 'attachment');
    if (a.content.length > maxBytes) {
      notes.push(
        `[Attachment "${name}" (${mebibytes(a.content.length)}) was not kept: files are limited to ${mebibytes(maxBytes)}.]`,
      );
      continue;
    }
    try {
      ids.push((await storeFile(ctx, blobs, { name, data: a.content, customerId })).id);
    } catch (err) {
      // A type we do not accept (executables, HTML) is dropped; any other failure fails the mail.
      if (!(err instanceof AppError) || err.status !== 415) throw err;
      notes.push(`[Attachment "${name}" was not kept: files of its type are not accepted.]`);
    }
  }
  return { ids, notes };
}

type Decision = { status: Exclude<IntakeResult['status'], 'duplicate'>; reason?: string };

/** What becomes of a mail, from who sent it, the ticket it claims and the proof it carries. */
function decide(mail: {
  ticketCustomerId: string | undefined;
  customerId: string | null;
  customerCount: number;
  proven: boolean;
  authFailure: string | null;
}): Decision {
  if (mail.ticketCustomerId !== undefined && mail.ticketCustomerId !== mail.customerId)
    return { status: 'quarantined', reason: 'the sender does not belong to the ticket’s customer' };
  if (mail.ticketCustomerId === undefined && !mail.customerId)
    return {
      status: 'triage',
      reason: mail.customerCount > 1 ? 'the address belongs to several customers' : 'unknown sender',
    };
  if (mail.authFailure)
    return { status: 'triage', reason: `the receiving server found the sender forged (${mail.authFailure})` };
  if (mail.ticketCustomerId === undefined) return { status: 'ticket_created' };
  if (!mail.proven)
    return { status: 'triage', reason: 'a reply without our reply address or a reference to our mail' };
  return { status: 'appended' };
}

export async function processInboundEmail(
  ctx: Ctx,
  blobs: BlobStore,
  raw: Buffer,
  options: IntakeOptions,
): Promise<IntakeResult> {
  const mail = await simpleParser(raw);
  const messageId = withoutNul(
    mail.messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@inbound.aftercare>`,
  );
  const from = withoutNul(mail.from?.value[0]?.address?.toLowerCase() ?? '');
  const senderName = withoutNul(mail.from?.value[0]?.name || from);
  const subject = withoutNul((mail.subject ?? '').trim()) || '(no subject)';
  const body = bodyOf(mail);
  const authFailure = failedAuthentication(headerValues(mail, 'authentication-results'));

  const owners = from ? await repo.customersByEmail(ctx.db, from) : [];
  const customerIds = [...new Set(owners.map((o) => o.customer_id))];
  const customerId = customerIds.length === 1 ? customerIds[0]! : null;
  const contactId = owners.find((o) => o.customer_id === customerId && o.contact_id)?.contact_id ?? null;

  const references = [
    mail.inReplyTo,
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ].filter((x): x is string => Boolean(x));
  const token = replyTokenIn([
    ...(options.recipients ?? []),
    ...addressesOf(mail.to),
    ...addressesOf(mail.cc),
  ]);
  const provenId =
    (token ? await emailRepo.ticketIdByReplyToken(ctx.db, token) : undefined) ??
    (await emailRepo.ticketIdBySentMessageId(ctx.db, references));
  const number = NUMBER_IN_SUBJECT.exec(subject)?.[1];
  const claimedId =
    provenId ??
    (await repo.ticketByEmailReference(ctx.db, references)) ??
    (number ? await repo.ticketIdByNumber(ctx.db, number) : undefined);
  const ticket = claimedId
    ? await repo.findTicket(ctx.db, { kind: 'all', workerId: null }, claimedId)
    : undefined;

  const decision = decide({
    ticketCustomerId: ticket?.customerId,
    customerId,
    customerCount: customerIds.length,
    proven: Boolean(provenId),
    authFailure,
  });

  return withFilesRemovedOnFailure(blobs, (trackedBlobs) =>
    ctx.db.transaction(async (tx): Promise<IntakeResult> => {
      const txCtx = ctxInTransaction(ctx, tx);
      const inboundId = (
        await repo.insertInboundEmail(tx, {
          messageId,
          fromAddress: from,
          subject: subject.slice(0, 500),
          bodyText: body,
          status: decision.status,
          reason: decision.reason ?? null,
          customerId,
          ticketId: claimedId ?? null,
          receivedAt: ctx.clock.now(),
        })
      )?.id;
      if (!inboundId) return { status: 'duplicate' };
      if (decision.status === 'quarantined' || decision.status === 'triage')
        return { status: decision.status, ticketId: claimedId };

      const saved = await saveAttachments(txCtx, trackedBlobs, mail, customerId, options.maxAttachmentBytes);
      const text = [body, ...saved.notes].join('\n\n');
      const senderCtx = {
        ...txCtx,
        principal: { ...ctx.principal, label: `email:${from}`, displayName: senderName },
      };
      let ticketId: string;
      if (ticket) {
        await appendMessage(senderCtx, ticket, 'customer_message', text, saved.ids, messageId);
        ticketId = ticket.id;
      } else {
        ticketId = (
          await createTicket(senderCtx, {
            kind: 'other',
            customerId: customerId!,
            contactId,
            channel: 'email',
            subject: subject.slice(0, 200),
            description: text,
            assetIds: [],
            attachmentIds: saved.ids,
            priority: 'normal',
            emergency: false,
            complexity: 'general',
          })
        ).id;
        await repo.setTicketEmailThread(tx, ticketId, messageId);
      }
      await emailRepo.completeInboundEmail(tx, inboundId, {
        ticketId,
        attachmentIds: saved.ids,
        bodyText: text,
      });
      return { status: decision.status, ticketId };
    }),
  );
}
