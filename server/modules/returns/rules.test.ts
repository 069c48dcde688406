import { describe, expect, it } from 'vitest';
import { assetStatusAfter, returnWindow, statusAfterInspection, windowStartOf } from './rules.ts';

describe('return window (篇3 5 使用产品X天中)', () => {
  it('includes the last allowed day and refuses the day after', () => {
    expect(returnWindow('2026-11-01', 7, '2026-11-08')).toEqual({
      start: '2026-11-01',
      deadline: '2026-11-08',
      within: true,
    });
    expect(returnWindow('2026-11-01', 7, '2026-11-09').within).toBe(false);
  });
  it('counts from acceptance, falling back to the earlier dates, or from installation', () => {
    const d = { installDate: '2026-10-01', commissioningDate: '2026-10-05', acceptanceDate: null };
    expect(windowStartOf(d, 'acceptance')).toBe('2026-10-05');
    expect(windowStartOf({ ...d, acceptanceDate: '2026-10-10' }, 'acceptance')).toBe('2026-10-10');
    expect(windowStartOf({ ...d, acceptanceDate: '2026-10-10' }, 'installation')).toBe('2026-10-01');
  });
  it('is open while the equipment has no delivery date', () => {
    expect(returnWindow(null, 7, '2030-01-01').within).toBe(true);
  });
});

describe('inspection', () => {
  it('refuses human damage even when the customer could not use it', () => {
    expect(statusAfterInspection({ humanDamage: true, cannotUse: true, customerInsists: true })).toBe(
      'refused',
    );
  });
  it('offers training to a customer who could not use it, unless they insist', () => {
    expect(statusAfterInspection({ humanDamage: false, cannotUse: true, customerInsists: false })).toBe(
      'training',
    );
    expect(statusAfterInspection({ humanDamage: false, cannotUse: true, customerInsists: true })).toBe(
      'awaiting_approval',
    );
    expect(statusAfterInspection({ humanDamage: false, cannotUse: false, customerInsists: false })).toBe(
      'awaiting_approval',
    );
  });
  it('retires a refunded or exchanged unit and marks a repaired one under repair', () => {
    expect(assetStatusAfter('refund')).toBe('retired');
    expect(assetStatusAfter('exchange')).toBe('retired');
    expect(assetStatusAfter('repair')).toBe('under_repair');
  });
});
