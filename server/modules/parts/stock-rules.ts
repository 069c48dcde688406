// Stock arithmetic with no I/O: FIFO takes, ended shelf warranties, the emergency search order and
// the reorder suggestion.
import type { TLocationKind, TShelfWarning } from '../../../common/parts-api.ts';

export interface Lot {
  batchId: string;
  batchCode: string;
  shelfWarrantyEndsOn: string | null;
  onHand: number;
  reserved: number;
}

/** Oldest batches first (FIFO) until `quantity` is covered, from what is available. */
export function takeFifo<L extends Lot>(lots: L[], quantity: number) {
  const takes: { lot: L; quantity: number }[] = [];
  let left = quantity;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.onHand - lot.reserved);
    if (take > 0) {
      takes.push({ lot, quantity: take });
      left -= take;
    }
  }
  return { takes, missing: left };
}

/** The batches taken from whose shelf warranty ended before `today` (a local date). */
export const expiredWarnings = (lots: Lot[], today: string): TShelfWarning[] =>
  lots.flatMap((l) =>
    l.shelfWarrantyEndsOn && l.shelfWarrantyEndsOn < today
      ? [{ batchCode: l.batchCode, shelfWarrantyEndedOn: l.shelfWarrantyEndsOn }]
      : [],
  );

interface Place {
  id: string;
  code: string;
  kind: TLocationKind;
  keeperId: string | null;
  region: string | null;
}

/**
 * Where an emergency reservation looks, nearest first (篇4 g.3 备件先行): the chosen location, the
 * engineer's own van, the same region, the central warehouse, then any other; by code within a rank.
 */
export function nearestFirst<P extends Place>(places: P[], first: Place, userId: string | null): P[] {
  const rank = (l: Place) =>
    l.id === first.id
      ? 0
      : l.kind === 'van' && l.keeperId === userId
        ? 1
        : l.region && l.region === first.region
          ? 2
          : l.kind === 'central'
            ? 3
            : 4;
  return [...places].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
}

/** How much to order when `available` fell to the reorder point: back above it by the quantity. */
export const suggestedQuantity = (
  available: number,
  rule: { reorderPoint: number; reorderQuantity: number },
) => Math.max(rule.reorderQuantity, rule.reorderPoint - available + rule.reorderQuantity);
