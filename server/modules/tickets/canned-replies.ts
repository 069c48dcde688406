// Canned replies (常用回复): the service desk's shared texts, with variables the composer fills from
// the ticket. Managers and administrators keep them; every member of staff reads them.
import { unknownVariables } from '../../../common/canned-replies.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import * as repo from './canned-repository.ts';
import { cannedReplies } from './schema.ts';

const toCannedReply = (r: repo.CannedReplyRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

/** A variable the product cannot fill would reach the customer as `{{…}}`: refused when saved. */
function checkBody(body: string | undefined) {
  const unknown = body ? unknownVariables(body) : [];
  if (unknown.length) throw invalidField('body', `unknown variables: ${unknown.join(', ')}`);
}

export async function listCannedReplies(ctx: Ctx) {
  return (await repo.listCannedReplies(ctx.db)).map(toCannedReply);
}

export async function createCannedReply(ctx: Ctx, input: { title: string; body: string }) {
  checkBody(input.body);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertCannedReply(tx, {
      ...input,
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'canned_reply.create',
      entityType: 'canned_reply',
      entityId: row.id,
      after: row,
    });
    return toCannedReply(row);
  });
}

export async function updateCannedReply(
  ctx: Ctx,
  id: string,
  input: { version: number; title?: string; body?: string },
) {
  checkBody(input.body);
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findCannedReply(tx, id);
    if (!before) throw notFound('Canned reply');
    const after = await updateVersioned(tx, cannedReplies, 'Canned reply', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'canned_reply.update',
      entityType: 'canned_reply',
      entityId: id,
      before,
      after,
    });
    return toCannedReply(after);
  });
}

export async function deleteCannedReply(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findCannedReply(tx, id);
    if (!before || !(await repo.deleteCannedReply(tx, id))) throw notFound('Canned reply');
    await writeAudit(tx, ctx, {
      action: 'canned_reply.delete',
      entityType: 'canned_reply',
      entityId: id,
      before,
    });
  });
}
