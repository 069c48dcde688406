// The mail log: the outbox's email rows read back for administrators (what customers receive, or
// would receive where SMTP is not configured), and a resend that sends one again now.
import { and, desc, eq, ilike, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { TMailLogDetail, TMailLogEntry, TMailLogQuery, TMailState } from '../../common/mail-log-api.ts';
import type { Db } from '../db/pool.ts';
import { writeAudit } from './audit.ts';
import { type BlobStore, toBuffer } from './blob-store.ts';
import type { Ctx } from './context.ts';
import { AppError, badRequest, notFound } from './errors.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { type DeliveredMessage, outboxMessageId } from './outbox.ts';
import { outbox } from './schema.ts';

type OutboxRow = typeof outbox.$inferSelect;
type StoredAttachment = { filename: string; storageKey: string; contentType?: string };

const attachmentsOf = (payload: Record<string, unknown>): StoredAttachment[] =>
  Array.isArray(payload.attachments) ? (payload.attachments as StoredAttachment[]) : [];

/** The email an outbox message goes out as; attachments are stored files, read when it leaves. */
export async function renderOutboxEmail(
  m: Pick<DeliveredMessage, 'recipient' | 'template' | 'payload' | 'dedupeKey'>,
  blobStore: BlobStore,
): Promise<MailMessage> {
  const attachments = [];
  for (const f of attachmentsOf(m.payload)) {
    const content = await toBuffer(await blobStore.get(f.storageKey));
    attachments.push({ filename: f.filename, content, contentType: f.contentType });
  }
  return {
    ...(attachments.length ? { attachments } : {}),
    to: m.recipient,
    subject: String(m.payload.subject ?? m.template),
    text: String(m.payload.text ?? ''),
    html: typeof m.payload.html === 'string' ? m.payload.html : undefined,
    messageId: outboxMessageId(m.dedupeKey),
    inReplyTo: typeof m.payload.inReplyTo === 'string' ? m.payload.inReplyTo : undefined,
    references: Array.isArray(m.payload.references) ? (m.payload.references as string[]) : undefined,
    replyTag: typeof m.payload.replyToken === 'string' ? m.payload.replyToken : undefined,
  };
}

const payloadOf = (r: OutboxRow) => r.payload as Record<string, unknown>;
const stateOf = (r: OutboxRow): TMailState =>
  r.deliveredAt ? 'delivered' : r.failedAt ? 'failed' : 'pending';

function entryOf(r: OutboxRow): TMailLogEntry {
  return {
    id: r.id.toString(),
    recipient: r.recipient,
    subject: String(payloadOf(r).subject ?? r.template),
    state: stateOf(r),
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    attempts: r.attempts,
    lastError: r.lastError,
  };
}

const STATE_FILTER: Record<TMailState, SQL | undefined> = {
  delivered: isNotNull(outbox.deliveredAt),
  failed: and(isNull(outbox.deliveredAt), isNotNull(outbox.failedAt)),
  pending: and(isNull(outbox.deliveredAt), isNull(outbox.failedAt)),
};

function parseId(id: string, field = 'id'): bigint {
  if (!/^\d{1,19}$/.test(id)) throw badRequest(`${field} is not valid`, [{ field, message: 'invalid' }]);
  return BigInt(id);
}

/** Outbound emails, newest first. */
export async function listOutboxEmails(db: Db, q: TMailLogQuery) {
  const before = q.cursor ? parseId(q.cursor, 'cursor') : null;
  const rows = await db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, 'email'),
        q.state ? STATE_FILTER[q.state] : undefined,
        q.recipient ? ilike(outbox.recipient, `%${q.recipient.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
        before !== null ? lt(outbox.id, before) : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map(entryOf);
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

async function findEmailRow(db: Pick<Db, 'select'>, id: string, lock = false): Promise<OutboxRow> {
  const query = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, parseId(id)), eq(outbox.channel, 'email')));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Email');
  return row;
}

/** One email with its rendered body and the names of its attachments. */
export async function findOutboxEmail(db: Db, id: string): Promise<TMailLogDetail> {
  const row = await findEmailRow(db, id);
  const payload = payloadOf(row);
  return {
    ...entryOf(row),
    text: String(payload.text ?? ''),
    html: typeof payload.html === 'string' ? payload.html : null,
    attachments: attachmentsOf(payload).map((f) => ({
      filename: f.filename,
      contentType: f.contentType ?? null,
    })),
  };
}

/**
 * Sends one email again, now, through the configured mailer (the log only, without SMTP). The row is
 * locked meanwhile, so the outbox worker does not send it at the same time; it ends delivered.
 */
export async function resendOutboxEmail(
  ctx: Ctx,
  deps: { mailer: Mailer; blobStore: BlobStore },
  id: string,
): Promise<TMailLogEntry> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const row = await findEmailRow(tx, id, true);
    const now = ctx.clock.now();
    let error: string | null = null;
    try {
      await deps.mailer.send(await renderOutboxEmail({ ...row, payload: payloadOf(row) }, deps.blobStore));
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const [after] = await tx
      .update(outbox)
      .set(
        error
          ? { attempts: row.attempts + 1, lastError: error }
          : { attempts: row.attempts + 1, deliveredAt: now, failedAt: null, lastError: null },
      )
      .where(eq(outbox.id, row.id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'mail.resend',
      entityType: 'email',
      entityId: row.id.toString(),
      before: { recipient: row.recipient, state: stateOf(row), attempts: row.attempts },
      after: { state: stateOf(after!), attempts: after!.attempts, error },
    });
    return { entry: entryOf(after!), error };
  });
  if (outcome.error) throw new AppError(502, 'Bad gateway', `The email could not be sent: ${outcome.error}`);
  return outcome.entry;
}
