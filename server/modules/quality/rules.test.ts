import { describe, expect, it } from 'vitest';
import {
  type DetectorInput,
  detectGroup,
  type GroupSeries,
  isEscalation,
  monthIndex,
  periodStart,
  poissonUpperTail,
  recursAfterClosing,
} from './rules.ts';

const SETTINGS = { level: 0.01, minCount: 3, consecutivePeriods: 3, historyMonths: 12 };
const NOW = monthIndex(2026, 11); // November 2026

/** A base of 1000 units with `perMonth` failures of class "power" every month before now. */
function input(group: GroupSeries, perMonth = 10, day = 30): DetectorInput {
  const base = new Map<number, number>();
  for (let m = NOW - 60; m <= NOW; m++) base.set(m, perMonth);
  return {
    groups: [group],
    base: new Map([['power', base]]),
    totalUnits: 1000,
    today: { year: 2026, month: 11, day, daysInMonth: 30 },
    settings: SETTINGS,
  };
}
const group = (units: number, months: [number, number][]): GroupSeries => ({
  kind: 'model_fault',
  id: 'p1',
  faultCategory: 'power',
  units,
  months: new Map(months),
});

describe('poissonUpperTail', () => {
  it('is 1 at zero and matches hand-computed tails', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    // P(X ≥ 1; λ=1) = 1 − e^−1
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    // P(X ≥ 3; λ=0.5) = 1 − e^−0.5 (1 + 0.5 + 0.125)
    expect(poissonUpperTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * 1.625, 12);
  });
  it('stays exact far in the tail, where the complement would cancel to zero', () => {
    const p = poissonUpperTail(40, 2);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-30);
  });
  it('is 0 for a count above zero when nothing is expected', () => {
    expect(poissonUpperTail(1, 0)).toBe(0);
  });
});

describe('periodStart', () => {
  it('takes the month, the quarter and the year that hold a month', () => {
    expect(periodStart('month', NOW)).toBe(NOW);
    expect(periodStart('quarter', NOW)).toBe(monthIndex(2026, 10));
    expect(periodStart('year', NOW)).toBe(monthIndex(2026, 1));
    expect(periodStart('quarter', monthIndex(2026, 3))).toBe(monthIndex(2026, 1));
  });
});

describe('detectGroup', () => {
  it('stays quiet when a group fails at the rate of the whole base', () => {
    // 100 units at 1% a month: one failure a month is what the base explains.
    const months: [number, number][] = [];
    for (let m = NOW - 24; m <= NOW; m++) months.push([m, 1]);
    expect(detectGroup(group(100, months), input(group(100, months)))).toBeNull();
  });

  it('raises a month-level spike when this month is improbably high against base and history', () => {
    const g = group(100, [[NOW, 6]]); // λ = 1 (100 units × 1%), P(X ≥ 6) ≈ 0.0006
    const d = detectGroup(g, input(g));
    expect(d).toMatchObject({ level: 'month', reason: 'spike', count: 6, fromMonth: NOW });
    expect(d!.expected).toBeCloseTo(1, 6);
    expect(d!.pValue).toBeLessThan(0.01);
  });

  it('needs the minimum count however improbable the count is', () => {
    const g = group(1, [[NOW, 2]]); // λ = 0.01: two failures are improbable but fewer than 3
    expect(detectGroup(g, input(g))).toBeNull();
  });

  it('does not flag a group whose own history explains the count (chronic, not new)', () => {
    // Two bursts of 16 last November and December: its own rate, 32 a year (2.7 a month), explains 4.
    const g = group(100, [
      [NOW - 12, 16],
      [NOW - 11, 16],
      [NOW, 4],
    ]);
    expect(detectGroup(g, input(g))).toBeNull();
    // Against the base alone (λ = 1) the same 4 would show: P(X ≥ 4; 1) ≈ 0.019.
    expect(poissonUpperTail(4, 1)).toBeLessThan(0.02);
  });

  it('escalates to the quarter when the quarter is improbable though no month is', () => {
    const g = group(100, [
      [NOW - 1, 3],
      [NOW, 3],
    ]); // each month P(X ≥ 3; 1) ≈ 0.08; the quarter to date 6 against 2: P ≈ 0.017
    const looser = { ...input(g), settings: { ...SETTINGS, level: 0.02 } };
    const d = detectGroup(g, looser);
    expect(d).toMatchObject({ level: 'quarter', reason: 'spike', count: 6, fromMonth: monthIndex(2026, 10) });
  });

  it('raises "repeated" when the problem shows in consecutive months, and not with a gap', () => {
    // Today is 31 October (the quarter's first month, so the quarter is the month). Each month 5
    // failures against λ = 1: P ≈ 0.0037, under the watch level 0.01 but not under the level 0.001.
    const OCT = monthIndex(2026, 10);
    const at = (g: GroupSeries): DetectorInput => ({
      ...input(g),
      today: { year: 2026, month: 10, day: 31, daysInMonth: 31 },
      settings: { ...SETTINGS, level: 0.001 },
    });
    const g = group(100, [
      [OCT - 2, 5],
      [OCT - 1, 5],
      [OCT, 5],
    ]);
    expect(detectGroup(g, at(g))).toMatchObject({ reason: 'repeated', level: 'month', count: 5 });
    const gap = group(100, [
      [OCT - 3, 5],
      [OCT - 1, 5],
      [OCT, 5],
    ]);
    expect(detectGroup(gap, at(gap))).toBeNull();
  });

  it('calls a problem new this month a month alert, and a quarter alert once it spans two months', () => {
    // Never seen before (no failures of the class anywhere): every level is improbable.
    const none: DetectorInput = { ...input(group(10, [])), base: new Map() };
    const fresh = group(10, [[NOW, 3]]);
    expect(detectGroup(fresh, { ...none, groups: [fresh] })).toMatchObject({ level: 'month', count: 3 });
    const lasting = group(10, [
      [NOW - 1, 2],
      [NOW, 3],
    ]);
    expect(detectGroup(lasting, { ...none, groups: [lasting] })).toMatchObject({
      level: 'quarter',
      count: 5,
    });
    const older = group(10, [
      [NOW - 6, 1],
      [NOW - 1, 2],
      [NOW, 3],
    ]);
    expect(detectGroup(older, { ...none, groups: [older] })).toMatchObject({ level: 'year', count: 6 });
  });

  it('counts only the days of the month so far (exposure)', () => {
    // 3 failures by the 3rd of a 30-day month: λ = 1 × 0.1; P(X ≥ 3) ≈ 0.00015.
    const g = group(100, [[NOW, 3]]);
    const d = detectGroup(g, input(g, 10, 3));
    expect(d).toMatchObject({ level: 'month', reason: 'spike' });
    expect(d!.expected).toBeCloseTo(0.1, 6);
  });
});

describe('escalation and recurrence', () => {
  it('moves only upwards: month → quarter → year', () => {
    expect(isEscalation('month', 'quarter')).toBe(true);
    expect(isEscalation('quarter', 'year')).toBe(true);
    expect(isEscalation('year', 'month')).toBe(false);
    expect(isEscalation('quarter', 'quarter')).toBe(false);
  });
  it('counts as the same problem again only with minCount new failures after the closing', () => {
    expect(recursAfterClosing(2, 3)).toBe(false);
    expect(recursAfterClosing(3, 3)).toBe(true);
  });
});

describe('a part batch against its own part', () => {
  it('takes the base rate over the part’s fitted units, not the whole installed base', () => {
    // The part: 100 fitted units, 1 replacement a month; a batch of 20 units replaced 3 times this month.
    const batch: GroupSeries = {
      kind: 'batch_part',
      id: 'b1',
      faultCategory: 'DRV-1',
      units: 20,
      months: new Map([[NOW, 3]]),
    };
    const partBase = new Map<number, number>();
    for (let m = NOW - 24; m < NOW; m++) partBase.set(m, 1);
    const withPart: DetectorInput = {
      groups: [batch],
      base: new Map([['DRV-1', partBase]]),
      totalUnits: 0,
      unitsOfBase: new Map([['DRV-1', 100]]),
      today: { year: 2026, month: 11, day: 30, daysInMonth: 30 },
      settings: SETTINGS,
    };
    // Expected 20 × 1/100 = 0.2 this month: 3 is improbable.
    const d = detectGroup(batch, withPart);
    expect(d).toMatchObject({ kind: 'batch_part', level: 'month', count: 3 });
    expect(d!.expected).toBeCloseTo(0.2, 6);
    // Measured over 20 units (as if the batch were the whole part) 3 a month is ordinary: no alert.
    expect(detectGroup(batch, { ...withPart, unitsOfBase: new Map([['DRV-1', 20]]) })).toBeNull();
  });
});
