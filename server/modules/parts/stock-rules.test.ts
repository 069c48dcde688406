import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiredWarnings, type Lot, nearestFirst, suggestedQuantity, takeFifo } from './stock-rules.ts';

const lot = (
  batchCode: string,
  onHand: number,
  reserved = 0,
  shelfWarrantyEndsOn: string | null = null,
): Lot => ({
  batchId: batchCode,
  batchCode,
  shelfWarrantyEndsOn,
  onHand,
  reserved,
});

describe('takeFifo', () => {
  it('takes the oldest batches first, skipping what is reserved', () => {
    const { takes, missing } = takeFifo([lot('A', 3, 3), lot('B', 5, 1), lot('C', 4)], 6);
    expect(takes.map((t) => [t.lot.batchCode, t.quantity])).toEqual([
      ['B', 4],
      ['C', 2],
    ]);
    expect(missing).toBe(0);
  });

  it('never takes more than is available, and says how much is missing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(20), fc.nat(20)).map(([a, b]) => lot('X', Math.max(a, b), Math.min(a, b))),
          { maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 100 }),
        (lots, quantity) => {
          const { takes, missing } = takeFifo(lots, quantity);
          const available = lots.reduce((n, l) => n + l.onHand - l.reserved, 0);
          const taken = takes.reduce((n, t) => n + t.quantity, 0);
          expect(taken + missing).toBe(quantity);
          expect(taken).toBe(Math.min(quantity, available));
          for (const t of takes) expect(t.quantity).toBeLessThanOrEqual(t.lot.onHand - t.lot.reserved);
        },
      ),
    );
  });
});

describe('expiredWarnings', () => {
  it('names the batches whose shelf warranty ended before today', () => {
    const lots = [lot('OLD', 1, 0, '2026-09-01'), lot('EDGE', 1, 0, '2026-11-24'), lot('NONE', 1)];
    expect(expiredWarnings(lots, '2026-11-24')).toEqual([
      { batchCode: 'OLD', shelfWarrantyEndedOn: '2026-09-01' },
    ]);
  });
});

describe('nearestFirst', () => {
  it('orders the chosen location, own van, same region, central, then the rest', () => {
    const at = (
      id: string,
      kind: 'central' | 'regional' | 'van',
      region: string | null,
      keeperId = null as string | null,
    ) => ({
      id,
      code: id,
      kind,
      region,
      keeperId,
    });
    const chosen = at('R1', 'regional', '深圳市');
    const places = [
      at('Z-OTHER', 'regional', '上海市'),
      at('C1', 'central', '杭州市'),
      at('R2', 'regional', '深圳市'),
      at('VAN', 'van', '杭州市', 'me'),
      chosen,
    ];
    expect(nearestFirst(places, chosen, 'me').map((p) => p.id)).toEqual(['R1', 'VAN', 'R2', 'C1', 'Z-OTHER']);
  });
});

describe('suggestedQuantity', () => {
  it('brings stock back above the reorder point by the reorder quantity', () => {
    expect(suggestedQuantity(2, { reorderPoint: 5, reorderQuantity: 20 })).toBe(23);
    expect(suggestedQuantity(5, { reorderPoint: 5, reorderQuantity: 20 })).toBe(20);
  });
});
