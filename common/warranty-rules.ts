// Warranty rules of the seed, as pure functions. Every number is a contract term with a default.
//  篇2 §11: in warranty, repairs are free except for human damage and force majeure.
//  篇2 §11–12, 篇4 g.7–8: out of warranty, travel and materials are charged, parts at factory price.
//  篇4 c.1: spare parts in stock carry a shelf warranty (搁置期) of up to 5 years.
//  篇4 c.2(1): a component repaired more than 3 times is replaced; so is a whole unit repaired as a
//           whole more than 3 times (a component's repair does not count for its unit).
//  篇4 c.3: after the warranty, a latent-defect period (24 months) covers design, material and
//           workmanship defects only, and those are replaced unconditionally (予以无条件更换).
//  篇4 c.2: an extended warranty (延长的质量保证期) is free like the warranty, travel included.
//  篇4 f.5: replaced main equipment stays under warranty.
//  篇4 g.7: 保修期内非产品自身质量原因的故障维修或部件更换,将只收取成本费 — in warranty (or its
//           extension), a fault not caused by the product (human damage, force majeure) is charged at cost.
//  篇4 g.8: 保修期过后,为用户提供终身成本价的故障维修或部件更换 — after the warranty, repairs are at cost
//           for life when the contract says so (`lifetimeCostRepair`).
import { addMonths, daysBetween, type IsoDate } from './calendar-dates.ts';

export const CAUSES = [
  'normal_failure',
  'design_defect',
  'material_defect',
  'workmanship',
  'human_damage',
  'force_majeure',
  'unknown',
] as const;
export type Cause = (typeof CAUSES)[number];

const LATENT_DEFECT_CAUSES: ReadonlySet<Cause> = new Set(['design_defect', 'material_defect', 'workmanship']);

export interface ServiceAgreement {
  ref: string;
  start: IsoDate;
  /** Inclusive last day; null = open-ended. */
  end: IsoDate | null;
  coversLabour: boolean;
  coversTravel: boolean;
  coversParts: boolean;
  /** An extended warranty (延长的质量保证期, 篇4 c.2): free like the warranty, whatever the flags. */
  extendsWarranty?: boolean;
}

export interface WarrantyTerms {
  warrantyMonths: number;
  latentDefectMonths: number;
  sparePartsShelfMonths: number;
  maxRepairsBeforeReplace: number;
  replacementPolicy: 'inherit' | 'restart';
  agreements: readonly ServiceAgreement[];
  /** 篇4 g.8 终身成本价维修: after the warranty, what is charged is charged at cost. */
  lifetimeCostRepair?: boolean;
}

export const DEFAULT_TERMS: WarrantyTerms = {
  warrantyMonths: 12,
  latentDefectMonths: 24,
  sparePartsShelfMonths: 60,
  maxRepairsBeforeReplace: 3,
  replacementPolicy: 'inherit',
  agreements: [],
  lifetimeCostRepair: false,
};

export interface AssetWarrantyDates {
  acceptanceDate: IsoDate | null;
  /** A replacement carries its own window (篇4 f.5); otherwise the window runs from acceptance. */
  warrantyStart?: IsoDate | null;
  warrantyEnd?: IsoDate | null;
}

export type CoverageStatus =
  | 'not_accepted'
  | 'in_warranty'
  | 'latent_defect'
  | 'service_agreement'
  | 'expired';

export type ReasonCode =
  | 'before_acceptance'
  | 'in_warranty'
  | 'latent_defect_covered'
  | 'latent_defect_not_covered'
  | 'service_agreement'
  | 'extended_warranty'
  | 'expired'
  | 'human_damage_excluded'
  | 'force_majeure_excluded'
  | 'cause_to_confirm'
  | 'at_cost_in_warranty'
  | 'lifetime_cost_repair';

export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
  text: string;
}

/**
 * How what is not free is charged: nothing is charged (`free`), at cost — the contract's cost rates
 * and the parts' cost price (篇4 g.7–8) — or by the contract's fee schedule, parts at factory price.
 */
export type Pricing = 'free' | 'cost' | 'fee_schedule';

export interface Coverage {
  status: CoverageStatus;
  free: { labour: boolean; travel: boolean; parts: boolean };
  pricing: Pricing;
  partsPricing: 'free' | 'cost' | 'factory_price';
  basis: { period: CoverageStatus; contractRef: string | null; start: IsoDate | null; end: IsoDate | null };
  warrantyStart: IsoDate | null;
  /** Exclusive: the first day no longer in warranty. */
  warrantyEnd: IsoDate | null;
  /** Exclusive: the first day after the latent-defect period. */
  latentDefectEnd: IsoDate | null;
  reasons: Reason[];
}

export interface CoverageInput {
  asset: AssetWarrantyDates;
  terms: WarrantyTerms;
  contractRef?: string | null;
  date: IsoDate;
  cause: Cause;
}

const ALL_FREE = { labour: true, travel: true, parts: true };
const NOTHING_FREE = { labour: false, travel: false, parts: false };
const PARTS_PRICING = { free: 'free', cost: 'cost', fee_schedule: 'factory_price' } as const satisfies Record<
  Pricing,
  Coverage['partsPricing']
>;

function reason(code: ReasonCode, text: string, params: Record<string, string | number> = {}): Reason {
  return { code, params, text };
}

/** The warranty window of an asset: [start, end) and the latent-defect period [end, latentEnd). */
function warrantyWindow(asset: AssetWarrantyDates, terms: WarrantyTerms) {
  const start = asset.warrantyStart ?? asset.acceptanceDate ?? null;
  if (!start) return { start: null, end: null, latentEnd: null };
  const end = asset.warrantyEnd ?? addMonths(start, terms.warrantyMonths);
  return { start, end, latentEnd: addMonths(end, terms.latentDefectMonths) };
}

function activeAgreement(terms: WarrantyTerms, date: IsoDate): ServiceAgreement | undefined {
  return terms.agreements.find((a) => a.start <= date && (a.end === null || date <= a.end));
}

function exclusion(cause: Cause): Reason | null {
  if (cause === 'human_damage')
    return reason('human_damage_excluded', 'Damage caused by people is not covered.');
  if (cause === 'force_majeure') return reason('force_majeure_excluded', 'Force majeure is not covered.');
  return null;
}

/** Who pays for a repair of this asset on this date for this cause, and why. */
export function coverage(input: CoverageInput): Coverage {
  const { asset, terms, date, cause } = input;
  const contractRef = input.contractRef ?? null;
  const w = warrantyWindow(asset, terms);
  const dates = { warrantyStart: w.start, warrantyEnd: w.end, latentDefectEnd: w.latentEnd };
  const excluded = exclusion(cause);
  // One outcome per pricing: what is free, and how parts are priced, follow from it.
  const outcome =
    (pricing: Pricing) =>
    (status: CoverageStatus, reasons: Reason[], basis: Coverage['basis']): Coverage => ({
      status,
      free: pricing === 'free' ? ALL_FREE : NOTHING_FREE,
      pricing,
      partsPricing: PARTS_PRICING[pricing],
      basis,
      ...dates,
      reasons,
    });
  const charged = outcome('fee_schedule');
  const atCost = outcome('cost');
  const freeOf = outcome('free');
  const unknownNote =
    cause === 'unknown' ? [reason('cause_to_confirm', 'The cause must be confirmed on site.')] : [];

  if (!w.start || date < w.start) {
    // Before the acceptance certificate the works are still the installer's responsibility.
    const basis = { period: 'not_accepted' as const, contractRef, start: null, end: w.start };
    const why = reason('before_acceptance', 'Not yet accepted: the installer answers for the works.');
    return excluded
      ? charged('not_accepted', [why, excluded], basis)
      : freeOf('not_accepted', [why, ...unknownNote], basis);
  }
  if (w.end && date < w.end) {
    const basis = { period: 'in_warranty' as const, contractRef, start: w.start, end: w.end };
    const why = reason('in_warranty', `In warranty until ${w.end} (exclusive).`, { end: w.end });
    return excluded
      ? atCost('in_warranty', [why, excluded, costInWarranty()], basis)
      : freeOf('in_warranty', [why, ...unknownNote], basis);
  }
  const agreement = activeAgreement(terms, date);
  if (w.end && w.latentEnd && date < w.latentEnd && LATENT_DEFECT_CAUSES.has(cause)) {
    const basis = { period: 'latent_defect' as const, contractRef, start: w.end, end: w.latentEnd };
    return freeOf(
      'latent_defect',
      [
        reason(
          'latent_defect_covered',
          `A ${cause.replace('_', ' ')} within the latent-defect period is covered: the defective part is replaced.`,
          { cause, end: w.latentEnd },
        ),
      ],
      basis,
    );
  }
  const inLatent = Boolean(w.latentEnd && date < w.latentEnd);
  const lapse = inLatent
    ? reason(
        'latent_defect_not_covered',
        'In the latent-defect period only design, material and workmanship defects are covered.',
        {
          end: w.latentEnd!,
        },
      )
    : reason('expired', 'Out of warranty: travel and materials are charged, parts at factory price.');
  const extension = agreement?.extendsWarranty
    ? {
        period: 'service_agreement' as const,
        contractRef: agreement.ref,
        start: agreement.start,
        end: agreement.end,
      }
    : null;
  // 篇4 c.2 counts the extended warranty as the warranty, so g.7's "in warranty, at cost" holds there too.
  if (extension && excluded) {
    return atCost('service_agreement', [excluded, costInWarranty(extension.contractRef)], extension);
  }
  const lifetime = terms.lifetimeCostRepair
    ? reason(
        'lifetime_cost_repair',
        'After the warranty the contract gives repairs at cost for life: labour, travel and parts at cost.',
        contractRef ? { ref: contractRef } : {},
      )
    : null;
  // With lifetime repair at cost, "out of warranty: parts at factory price" would contradict it.
  const lapses = lifetime && !inLatent ? [] : [lapse];
  if (extension && !excluded) {
    return freeOf(
      'service_agreement',
      [
        reason(
          'extended_warranty',
          `Extended warranty ${extension.contractRef}: labour, travel and parts are free.`,
          { ref: extension.contractRef },
        ),
      ],
      extension,
    );
  }
  if (agreement && !excluded) {
    const free = {
      labour: agreement.coversLabour,
      travel: agreement.coversTravel,
      parts: agreement.coversParts,
    };
    const allFree = free.labour && free.travel && free.parts;
    return {
      status: 'service_agreement',
      free,
      pricing: allFree ? 'free' : lifetime ? 'cost' : 'fee_schedule',
      partsPricing: agreement.coversParts ? 'free' : lifetime ? 'cost' : 'factory_price',
      basis: {
        period: 'service_agreement',
        contractRef: agreement.ref,
        start: agreement.start,
        end: agreement.end,
      },
      ...dates,
      reasons: [
        ...(allFree ? [lapse] : lapses),
        reason('service_agreement', `Service agreement ${agreement.ref} applies.`, { ref: agreement.ref }),
        ...(lifetime && !allFree ? [lifetime] : []),
      ],
    };
  }
  const status: CoverageStatus = inLatent ? 'latent_defect' : 'expired';
  const basis = inLatent
    ? { period: status, contractRef, start: w.end, end: w.latentEnd }
    : { period: status, contractRef, start: w.latentEnd, end: null };
  if (lifetime) return atCost(status, [...lapses, ...(excluded ? [excluded] : []), lifetime], basis);
  return charged(status, excluded ? [lapse, excluded] : [lapse], basis);
}

/** 篇4 g.7: in warranty, a fault the product did not cause is charged at cost only. */
function costInWarranty(ref?: string): Reason {
  return reason(
    'at_cost_in_warranty',
    'In warranty, a fault not caused by the product is charged at cost only: labour, travel and parts at cost.',
    ref ? { ref } : {},
  );
}

export type RepairDecision = 'repair' | 'replace_component' | 'replace_unit';

/**
 * 篇4 c.2(1): the repair that would be the (max+1)th of a component or of the whole unit is a
 * replacement. `unitRepairs` counts repairs of the unit as a whole, never those of its components.
 */
export function repairDecision(input: {
  componentRepairs: number;
  unitRepairs: number;
  maxRepairs?: number;
  /** 篇4 c.3: a covered latent defect of this component or unit is replaced unconditionally. */
  latentDefect?: 'component' | 'unit';
}): {
  decision: RepairDecision;
  text: string;
} {
  if (input.latentDefect === 'component')
    return {
      decision: 'replace_component',
      text: 'A latent defect of the component: replace the component unconditionally.',
    };
  if (input.latentDefect === 'unit')
    return {
      decision: 'replace_unit',
      text: 'A latent defect of the unit: replace the unit unconditionally.',
    };
  const max = input.maxRepairs ?? DEFAULT_TERMS.maxRepairsBeforeReplace;
  if (input.unitRepairs >= max) {
    return {
      decision: 'replace_unit',
      text: `The unit has been repaired ${input.unitRepairs} times (limit ${max}): replace the unit.`,
    };
  }
  if (input.componentRepairs >= max) {
    return {
      decision: 'replace_component',
      text: `The component has been repaired ${input.componentRepairs} times (limit ${max}): replace the component.`,
    };
  }
  return { decision: 'repair', text: 'Repair.' };
}

/**
 * The warranty window of a replacement (篇4 f.5). `inherit`: it continues the old unit's remaining
 * warranty; when none remains (the old unit was out of warranty) a new unit still gets a full period.
 * `restart`: a full period from the replacement date.
 */
export function replacementWarranty(input: {
  oldWarrantyEnd: IsoDate | null;
  replacedOn: IsoDate;
  terms: WarrantyTerms;
}): { start: IsoDate; end: IsoDate; basis: 'inherited' | 'restarted' } {
  const full = addMonths(input.replacedOn, input.terms.warrantyMonths);
  if (
    input.terms.replacementPolicy === 'inherit' &&
    input.oldWarrantyEnd &&
    input.oldWarrantyEnd > input.replacedOn
  ) {
    return { start: input.replacedOn, end: input.oldWarrantyEnd, basis: 'inherited' };
  }
  return { start: input.replacedOn, end: full, basis: 'restarted' };
}

/** 篇4 c.1: the shelf warranty (搁置期) of a spare part received into stock. */
function shelfWarrantyEnd(
  receiptDate: IsoDate,
  terms: Pick<WarrantyTerms, 'sparePartsShelfMonths'>,
): IsoDate {
  return addMonths(receiptDate, terms.sparePartsShelfMonths);
}

export function isShelfWarrantyValid(
  receiptDate: IsoDate,
  date: IsoDate,
  terms: Pick<WarrantyTerms, 'sparePartsShelfMonths'>,
) {
  return date < shelfWarrantyEnd(receiptDate, terms);
}

export type DepositEntryKind = 'deposit' | 'deduction' | 'release';
export type DepositResult =
  | { ok: true; balanceFen: number }
  | { ok: false; error: 'invalid_amount' | 'insufficient_balance' };

/** The warranty deposit (质量保证金) ledger never goes below zero. */
export function applyDepositEntry(
  balanceFen: number,
  entry: { kind: DepositEntryKind; amountFen: number },
): DepositResult {
  if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen <= 0)
    return { ok: false, error: 'invalid_amount' };
  const next = entry.kind === 'deposit' ? balanceFen + entry.amountFen : balanceFen - entry.amountFen;
  return next < 0 ? { ok: false, error: 'insufficient_balance' } : { ok: true, balanceFen: next };
}

/** Periods of an asset that end within the next `days` days (for expiry reminders). */
export function expiringWithin(asset: AssetWarrantyDates, terms: WarrantyTerms, today: IsoDate, days = 60) {
  const w = warrantyWindow(asset, terms);
  const out: { period: 'warranty' | 'latent_defect'; endsOn: IsoDate; daysLeft: number }[] = [];
  for (const [period, end] of [
    ['warranty', w.end],
    ['latent_defect', w.latentEnd],
  ] as const) {
    if (!end) continue;
    const left = daysBetween(today, end);
    if (left > 0 && left <= days) out.push({ period, endsOn: end, daysLeft: left });
  }
  return out;
}
