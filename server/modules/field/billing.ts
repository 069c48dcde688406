// What a visit costs the customer (the charge sheet) and, when the on-site deadline was missed and a
// third party repaired instead, what the warranty deposit pays for it (篇4 f.3).
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { TCharges, TChargesQuery, TThirdPartyDeductionRequest } from '../../../common/field-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { findGoverningTerms, postDepositEntry } from '../registry/index.ts';
import { onSiteTargets } from '../sla/index.ts';
import { ticketRefs } from '../tickets/index.ts';
import { chargeSheet } from './charges.ts';
import { load } from './service.ts';

/** The charge sheet of a work order as it stands (before the work: for the customer's consent). */
export async function chargesOf(ctx: Ctx, id: string, entered: TChargesQuery = {}): Promise<TCharges> {
  const w = await load(ctx, id);
  if (w.status === 'completed' && w.charges) return { ...w.charges, receiptNumber: w.receiptNumber };
  return { ...(await chargeSheet(ctx, w, entered)), receiptNumber: null };
}

/** A manager deducts the third party's repair from the deposit of the governing contract, with evidence. */
export async function thirdPartyDeduction(ctx: Ctx, id: string, input: TThirdPartyDeductionRequest) {
  const w = await load(ctx, id);
  const ticketId = w.ticketId;
  if (!ticketId) throw invalidField('id', 'the work order has no ticket');
  const [targets, tickets, terms] = await Promise.all([
    onSiteTargets(ctx.db, [ticketId]),
    ticketRefs(ctx.db, [ticketId]),
    w.projectId ? findGoverningTerms(ctx.db, w.projectId, toLocalDate(ctx.clock.now(), ctx.timeZone)) : null,
  ]);
  if (!targets.get(ticketId)?.breached) throw conflict('The on-site deadline of this ticket was not missed');
  if (!terms || terms.depositBalanceFen <= 0)
    throw invalidField('id', "the project's contracts hold no warranty deposit");
  return postDepositEntry(
    ctx,
    terms.contractId,
    {
      kind: 'deduction',
      amountFen: input.amountFen,
      reason: `第三方维修（${w.number}）：${input.reason}`,
      evidenceFileId: input.evidenceFileId,
      ticketRef: tickets.get(ticketId)?.number ?? null,
    },
    `third-party:${w.id}`,
  );
}
