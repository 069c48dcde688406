// Who may see what of a ticket: customers see their own tickets, without internal notes.
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import * as repo from './repository.ts';

export const isCustomer = (ctx: Ctx) => ctx.scope.kind === 'customer';

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The tickets a caller may read. Staff without `tickets.read_all` (field engineers) see only their own
 * work; a system context (jobs, CLI: no user, no token) sees all.
 */
export function ticketScope(ctx: Ctx): repo.TicketScope {
  const { principal } = ctx;
  const ownWorkOnly =
    ctx.scope.kind === 'all' &&
    (principal.userId !== null || principal.tokenId !== null) &&
    !principal.permissions.has('tickets.read_all');
  return { ...ctx.scope, workerId: ownWorkOnly ? (principal.userId ?? NOBODY) : null };
}
export const seesInternal = (ctx: Ctx) =>
  !isCustomer(ctx) && ctx.principal.permissions.has('tickets.internal');

/** A ticket's attachment is withheld from one who sees only their own work and none of its tickets. */
export async function attachmentWithheld(ctx: Ctx, fileId: string): Promise<boolean> {
  const scope = ticketScope(ctx);
  if (!scope.workerId) return false;
  const { attached, visible } = await repo.attachmentVisibility(ctx.db, scope, fileId);
  return attached && !visible;
}

/** A ticket a staff member acts on; `field` names the request field that referred to it. */
export async function staffTicket(ctx: Ctx, id: string, field = 'id') {
  if (isCustomer(ctx)) throw forbidden();
  const t = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!t) throw field === 'id' ? notFound('Ticket') : invalidField(field, 'no such ticket');
  return t;
}
