// Pure rules of a return (退货, 篇3 5): the window the contract allows, what an inspection leads to,
// and what the outcome does to the equipment.
import { addDays, type IsoDate } from '../../../common/calendar-dates.ts';
import type { TReturnOutcome, TReturnStatus } from '../../../common/returns-api.ts';

export interface DeliveryDates {
  installDate: IsoDate | null;
  commissioningDate: IsoDate | null;
  acceptanceDate: IsoDate | null;
}

/**
 * The day the window opens: acceptance (falling back to commissioning, then installation) or
 * installation (falling back to the later dates). Null when the equipment has no such date yet —
 * not yet delivered, so a return is still within the sale.
 */
export function windowStartOf(d: DeliveryDates, from: 'acceptance' | 'installation'): IsoDate | null {
  return from === 'acceptance'
    ? (d.acceptanceDate ?? d.commissioningDate ?? d.installDate)
    : (d.installDate ?? d.commissioningDate ?? d.acceptanceDate);
}

/** 使用产品X天中: a return may be asked for up to and including the start + X days (local dates). */
export function returnWindow(start: IsoDate | null, days: number, today: IsoDate) {
  if (!start) return { start: null, deadline: null, within: true };
  const deadline = addDays(start, days);
  return { start, deadline, within: today <= deadline };
}

/**
 * 篇3 5(2): human damage is excluded (refused); a customer who could not use the product gets a free
 * training instead — unless they insist on the return, which then goes on to the manager.
 */
export function statusAfterInspection(i: {
  humanDamage: boolean;
  cannotUse: boolean;
  customerInsists: boolean;
}): TReturnStatus {
  if (i.humanDamage) return 'refused';
  if (i.cannotUse && !i.customerInsists) return 'training';
  return 'awaiting_approval';
}

/** A refunded or exchanged unit leaves service; one taken back for repair is under repair. */
export function assetStatusAfter(outcome: TReturnOutcome): 'retired' | 'under_repair' {
  return outcome === 'repair' ? 'under_repair' : 'retired';
}
