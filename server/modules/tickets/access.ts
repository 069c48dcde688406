// Who may see what of a ticket: customers see their own tickets, without internal notes.
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import * as repo from './repository.ts';

export const isCustomer = (ctx: Ctx) => ctx.scope.kind === 'customer';
export const seesInternal = (ctx: Ctx) =>
  !isCustomer(ctx) && ctx.principal.permissions.has('tickets.internal');

/** A ticket a staff member acts on; `field` names the request field that referred to it. */
export async function staffTicket(ctx: Ctx, id: string, field = 'id') {
  if (isCustomer(ctx)) throw forbidden();
  const t = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!t) throw field === 'id' ? notFound('Ticket') : invalidField(field, 'no such ticket');
  return t;
}
