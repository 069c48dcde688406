// Charges of a visit (篇2 §11–12, 篇3 一.4 公开出示统一收费标准): the warranty engine decides, from the
// equipment, the date and the diagnosed cause, what is free; what is not is priced from the project's
// contract fee schedule — labour by the hour, parts at factory price — and travel by the kilometre
// at the organisation's rate (km × rate, not per trip); the customer sees it before consenting to the
// work. When the warranty engine says "at cost" (篇4 g.7: in warranty a fault the product did not
// cause; g.8: after it, when the contract gives lifetime repair at cost), labour is priced at the
// contract's cost rate, travel at the cost rate per km and parts at their cost price.
// Pure arithmetic over facts gathered here.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { TChargeSheet } from '../../../common/field-api.ts';
import type { Cause } from '../../../common/warranty-rules.ts';
import type { Ctx } from '../../platform/context.ts';
import { workOrderPartLines } from '../parts/index.ts';
import { assetCoverage, equipmentFacts, findGoverningTerms } from '../registry/index.ts';
import type { WorkOrderRow } from './repository.ts';
import { equipmentLabel } from './service.ts';
import { travelRatesPerKm } from './settings.ts';

export type ChargeSheet = TChargeSheet;

interface PartUsed {
  partNumber: string;
  name: string;
  quantity: number;
  factory: number | null;
  cost: number | null;
  /** The equipment it was fitted to, when the issue named one. */
  assetId: string | null;
}

/** Parts issued to the work, one line per part (by part number) and equipment, with the quantities summed. */
async function partsUsed(ctx: Ctx, workOrderNumber: string) {
  const used = new Map<string, PartUsed>();
  for (const l of await workOrderPartLines(ctx.db, workOrderNumber)) {
    if (l.kind !== 'issue') continue;
    const key = `${l.partId}:${l.assetId ?? ''}`;
    const p = used.get(key);
    if (p) p.quantity += l.quantity;
    else
      used.set(key, {
        partNumber: l.partNumber,
        name: l.name,
        quantity: l.quantity,
        factory: l.factoryPriceFen,
        cost: l.costFen,
        assetId: l.assetId,
      });
  }
  return [...used.values()].sort((a, b) =>
    a.partNumber < b.partNumber ? -1 : a.partNumber > b.partNumber ? 1 : 0,
  );
}

/** What the engineer entered that the sheet prices: labour minutes and travel kilometres. */
export interface ChargeInputs {
  timeSpentMinutes?: number | null;
  travelKm?: number | null;
}

/**
 * The labour and travel a sheet is priced from: what is entered now (a preview, the completion),
 * else what the work order holds (time spent, else the plan's estimate; the kilometres recorded).
 */
export function chargeInputsOf(w: WorkOrderRow, entered: ChargeInputs = {}) {
  return {
    minutes: entered.timeSpentMinutes ?? w.timeSpentMinutes ?? w.plan?.estimatedMinutes ?? null,
    km: entered.travelKm ?? w.travelKm ?? null,
  };
}

type Line = ChargeSheet['lines'][number];
type PartBasis = 'warranty' | 'pending_acceptance' | 'at_cost' | 'fee_schedule';
/** Labour: fen per started hour; travel: fen per km. */
type Priced = { labour: number | undefined; travel: number } | null;

/**
 * The lines of a sheet. Travel (the kilometres entered × the rate per km) and labour (by the started
 * hour, with the minutes entered) always appear once entered — free or not, each line says why it is
 * priced so (`basis`) — and the parts used appear one line each.
 */
export function chargeLines(input: {
  free: { labour: boolean; travel: boolean; parts: boolean };
  fees: Priced;
  atCost: boolean;
  pending?: boolean;
  minutes: number | null;
  km: number | null;
  /** A part fitted to other equipment than the first carries that equipment's `basis`. */
  parts: { partNumber: string; name: string; quantity: number; unitFen: number; basis?: PartBasis }[];
}): Line[] {
  const { free, fees, atCost, pending, minutes, km } = input;
  const basis = (isFree: boolean, fee: number | undefined): NonNullable<Line['basis']> =>
    pending
      ? 'pending_acceptance'
      : isFree
        ? 'warranty'
        : !fee
          ? 'no_fee_schedule'
          : atCost
            ? 'at_cost'
            : 'fee_schedule';
  const lines: Line[] = [];
  const travelBasis = basis(free.travel, fees?.travel);
  const travelCharged = travelBasis === 'fee_schedule' || travelBasis === 'at_cost';
  if (km !== null || travelCharged) {
    // Per kilometre, not per trip: km × the rate (no km entered yet: nothing to price).
    const rate = travelCharged ? (fees?.travel ?? 0) : 0;
    lines.push({
      item: 'travel',
      label: 'travel',
      quantity: km ?? 0,
      unitFen: rate,
      amountFen: Math.round((km ?? 0) * rate),
      entered: km,
      basis: travelBasis,
    });
  }
  const labourBasis = basis(free.labour, fees?.labour);
  const labourCharged = labourBasis === 'fee_schedule' || labourBasis === 'at_cost';
  if (minutes !== null || labourCharged) {
    const hours = Math.max(1, Math.ceil((minutes ?? 60) / 60));
    const unit = labourCharged ? (fees?.labour ?? 0) : 0;
    lines.push({
      item: 'labour',
      label: 'labour',
      quantity: hours,
      unitFen: unit,
      amountFen: hours * unit,
      entered: minutes,
      basis: labourBasis,
    });
  }
  const partsBasis: NonNullable<Line['basis']> = pending
    ? 'pending_acceptance'
    : free.parts
      ? 'warranty'
      : atCost
        ? 'at_cost'
        : 'fee_schedule';
  for (const p of input.parts) {
    const partBasis = p.basis ?? partsBasis;
    const unit = partBasis === 'warranty' || partBasis === 'pending_acceptance' ? 0 : p.unitFen;
    lines.push({
      item: 'part',
      label: `${p.partNumber} ${p.name}`,
      quantity: p.quantity,
      unitFen: unit,
      amountFen: p.quantity * unit,
      entered: null,
      basis: partBasis,
    });
  }
  return lines;
}

type Cover = Awaited<ReturnType<typeof assetCoverage>>;

/** How a part is priced under the coverage of the equipment it was fitted to. */
function partBasisOf(cover: Cover): PartBasis {
  if (cover.status === 'not_accepted' && cover.free.parts) return 'pending_acceptance';
  if (cover.free.parts) return 'warranty';
  return cover.pricing === 'cost' ? 'at_cost' : 'fee_schedule';
}

/**
 * The coverage of each other asset of the work order that a part was fitted to (the first asset's is the
 * sheet's own; a part naming equipment not on the work order is priced as the first asset's).
 */
async function otherEquipmentCover(staff: Ctx, w: WorkOrderRow, used: PartUsed[], cause: Cause) {
  const onJob = new Set(w.assetIds.slice(1));
  const ids = [...new Set(used.map((p) => p.assetId).filter((a): a is string => !!a && onJob.has(a)))];
  const out = new Map<string, { cover: Cover; label: string }>();
  if (!ids.length) return out;
  const facts = await equipmentFacts(staff.db, ids);
  for (const id of ids) {
    out.set(id, { cover: await assetCoverage(staff, id, { cause }), label: equipmentLabel(facts.get(id)) });
  }
  return out;
}

/**
 * The one computation of a work order's charges: the preview shown before the customer consents and
 * the sheet fixed at completion both come from here, with the same inputs giving the same sheet.
 */
export async function chargeSheet(
  ctx: Ctx,
  w: WorkOrderRow,
  entered: ChargeInputs = {},
): Promise<ChargeSheet> {
  const { minutes, km } = chargeInputsOf(w, entered);
  const cause = w.diagnosis?.cause ?? 'unknown';
  const staff = { ...ctx, scope: { kind: 'all' as const } };
  const cover = w.assetIds[0] ? await assetCoverage(staff, w.assetIds[0], { cause }) : null;
  const used = await partsUsed(ctx, w.number);
  if (cover?.status === 'not_accepted' && cover.free.parts) {
    // Before acceptance the installer answers for the works: nothing is charged, but nothing is
    // declared free either — the sheet says coverage is pending and the dispatcher decides.
    const none = { labour: false, travel: false, parts: false };
    return {
      covered: none,
      status: 'pending_acceptance',
      reasons: [
        ...cover.reasons,
        {
          code: 'dispatcher_to_decide',
          params: {},
          text: 'Coverage is pending acceptance: the dispatcher decides who pays.',
        },
      ],
      lines: chargeLines({
        free: none,
        fees: null,
        atCost: false,
        pending: true,
        minutes,
        km,
        parts: used.map((p) => ({ ...p, unitFen: 0 })),
      }),
      totalFen: 0,
      pendingDecision: true,
    };
  }
  // Without equipment on record nothing can be proven free: the fee schedule applies.
  const free = cover?.free ?? { labour: false, travel: false, parts: false };
  const terms = w.projectId
    ? await findGoverningTerms(ctx.db, w.projectId, toLocalDate(ctx.clock.now(), ctx.timeZone))
    : null;
  const atCost = cover?.pricing === 'cost';
  // Labour from the contract's fee schedule; travel per km from the organisation's settings.
  const rates = await travelRatesPerKm(ctx.db);
  const fees = {
    labour: !terms ? undefined : atCost ? terms.labourCostRateFen : terms.labourRateFen,
    travel: atCost ? rates.atCost : rates.standard,
  };
  const reasons: ChargeSheet['reasons'] = [
    ...(cover?.reasons ?? [
      {
        code: 'no_equipment',
        params: {},
        text: 'No equipment on the work order: charged per the fee schedule.',
      },
    ]),
  ];
  // A visit covering several assets (maintenance, a campaign): a part fitted to another than the first
  // is priced by that equipment's coverage, and the sheet says which.
  const others = await otherEquipmentCover(staff, w, used, cause);
  const priced = used.map((p) => {
    const other = p.assetId ? others.get(p.assetId) : undefined;
    const basis: PartBasis | undefined = other ? partBasisOf(other.cover) : undefined;
    const cost = basis ? basis === 'at_cost' : atCost;
    return { ...p, unitFen: (cost ? p.cost : p.factory) ?? 0, basis, other };
  });
  for (const p of priced) {
    if (!p.other || !p.basis) continue;
    const free = p.basis === 'warranty' || p.basis === 'pending_acceptance';
    reasons.push({
      code: free ? 'part_fitted_free' : 'part_fitted_charged',
      params: { part: p.partNumber, asset: p.other.label },
      text: free
        ? `Part ${p.partNumber} was fitted to ${p.other.label}, which is covered: not charged.`
        : `Part ${p.partNumber} was fitted to ${p.other.label}, which is not covered: charged.`,
    });
  }
  // A part without a cost price on file is not guessed at: the sheet says so for the dispatcher.
  for (const p of priced)
    if (p.cost === null && (p.basis ? p.basis === 'at_cost' : !free.parts && atCost))
      reasons.push({
        code: 'part_cost_unknown',
        params: { part: p.partNumber },
        text: `Part ${p.partNumber} has no cost price on file.`,
      });
  const lines = chargeLines({ free, fees, atCost, minutes, km, parts: priced });
  return {
    covered: free,
    status: cover?.status ?? 'unknown',
    pricing: cover?.pricing ?? 'fee_schedule',
    reasons,
    lines,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
  };
}
