// Charges of a visit (篇2 §11–12, 篇3 一.4 公开出示统一收费标准): the warranty engine decides, from the
// equipment, the date and the diagnosed cause, what is free; what is not is priced from the project's
// contract fee schedule — travel, labour by the hour, parts at factory price — and shown to the
// customer before the work for consent. When the warranty engine says "at cost" (篇4 g.7: in warranty
// a fault the product did not cause; g.8: after it, when the contract gives lifetime repair at cost),
// labour and travel are priced at the contract's cost rates and parts at their cost price.
// Pure arithmetic over facts gathered here.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { TChargeSheet } from '../../../common/field-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { workOrderPartLines } from '../parts/index.ts';
import { assetCoverage, findGoverningTerms } from '../registry/index.ts';
import type { WorkOrderRow } from './repository.ts';

export type ChargeSheet = TChargeSheet;

/** Parts issued to the work, one line per part (by part number) with the quantities summed. */
async function partsUsed(ctx: Ctx, workOrderNumber: string) {
  const used = new Map<
    string,
    { partNumber: string; name: string; quantity: number; factory: number | null; cost: number | null }
  >();
  for (const l of await workOrderPartLines(ctx.db, workOrderNumber)) {
    if (l.kind !== 'issue') continue;
    const p = used.get(l.partId);
    if (p) p.quantity += l.quantity;
    else
      used.set(l.partId, {
        partNumber: l.partNumber,
        name: l.name,
        quantity: l.quantity,
        factory: l.factoryPriceFen,
        cost: l.costFen,
      });
  }
  return [...used.values()].sort((a, b) =>
    a.partNumber < b.partNumber ? -1 : a.partNumber > b.partNumber ? 1 : 0,
  );
}

/**
 * Before acceptance the installer answers for the works: nothing is charged, but nothing is declared
 * free either — the sheet says coverage is pending and the dispatcher decides.
 */
function pendingAcceptance(reasons: ChargeSheet['reasons']): ChargeSheet {
  return {
    covered: { labour: false, travel: false, parts: false },
    status: 'pending_acceptance',
    reasons: [
      ...reasons,
      {
        code: 'dispatcher_to_decide',
        params: {},
        text: 'Coverage is pending acceptance: the dispatcher decides who pays.',
      },
    ],
    lines: [],
    totalFen: 0,
    pendingDecision: true,
  };
}

export async function chargeSheet(ctx: Ctx, w: WorkOrderRow): Promise<ChargeSheet> {
  const cause = w.diagnosis?.cause ?? 'unknown';
  const staff = { ...ctx, scope: { kind: 'all' as const } };
  const cover = w.assetIds[0] ? await assetCoverage(staff, w.assetIds[0], { cause }) : null;
  if (cover?.status === 'not_accepted' && cover.free.parts) return pendingAcceptance(cover.reasons);
  // Without equipment on record nothing can be proven free: the fee schedule applies.
  const free = cover?.free ?? { labour: false, travel: false, parts: false };
  const terms = w.projectId
    ? await findGoverningTerms(ctx.db, w.projectId, toLocalDate(ctx.clock.now(), ctx.timeZone))
    : null;
  const atCost = cover?.pricing === 'cost';
  const fees = !terms
    ? null
    : atCost
      ? { labour: terms.labourCostRateFen, travel: terms.travelCostFeeFen }
      : { labour: terms.labourRateFen, travel: terms.travelFeeFen };
  const used = await partsUsed(ctx, w.number);
  const reasons: ChargeSheet['reasons'] = [
    ...(cover?.reasons ?? [
      {
        code: 'no_equipment',
        params: {},
        text: 'No equipment on the work order: charged per the fee schedule.',
      },
    ]),
  ];
  const minutes = w.timeSpentMinutes ?? w.plan?.estimatedMinutes ?? 60;
  const hours = Math.max(1, Math.ceil(minutes / 60));
  const lines: ChargeSheet['lines'] = [];
  if (!free.travel && fees?.travel)
    lines.push({
      item: 'travel',
      label: 'travel',
      quantity: 1,
      unitFen: fees.travel,
      amountFen: fees.travel,
    });
  if (!free.labour && fees?.labour)
    lines.push({
      item: 'labour',
      label: 'labour',
      quantity: hours,
      unitFen: fees.labour,
      amountFen: hours * fees.labour,
    });
  if (!free.parts)
    for (const p of used) {
      const unit = (atCost ? p.cost : p.factory) ?? 0;
      // A part without a cost price on file is not guessed at: the sheet says so for the dispatcher.
      if (atCost && p.cost === null)
        reasons.push({
          code: 'part_cost_unknown',
          params: { part: p.partNumber },
          text: `Part ${p.partNumber} has no cost price on file.`,
        });
      lines.push({
        item: 'part',
        label: `${p.partNumber} ${p.name}`,
        quantity: p.quantity,
        unitFen: unit,
        amountFen: p.quantity * unit,
      });
    }
  return {
    covered: free,
    status: cover?.status ?? 'unknown',
    pricing: cover?.pricing ?? 'fee_schedule',
    reasons,
    lines,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
  };
}
