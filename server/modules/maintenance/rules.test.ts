import { describe, expect, it } from 'vitest';
import { DEFAULT_MAINTENANCE_SETTINGS as S } from '../../../common/maintenance-api.ts';
import { intervalOf, rangesOverlap, templateApplies } from './rules.ts';

const t = (over: Partial<Parameters<typeof intervalOf>[0]> = {}) => ({
  cycle: 'routine' as const,
  category: null,
  sizeClass: null,
  intervalMonths: null,
  ...over,
});

describe('maintenance intervals', () => {
  it('follows the seed: small 1, medium 2, large 3 months; patrol 1, electrical cleaning 3, overhaul 12', () => {
    expect(intervalOf(t({ sizeClass: 'small' }), S)).toBe(1);
    expect(intervalOf(t({ sizeClass: 'medium' }), S)).toBe(2);
    expect(intervalOf(t(), S, 'large')).toBe(3);
    expect(intervalOf(t(), S)).toBeNull();
    expect(intervalOf(t({ cycle: 'patrol' }), S)).toBe(1);
    expect(intervalOf(t({ cycle: 'electrical_cleaning' }), S)).toBe(3);
    expect(intervalOf(t({ cycle: 'overhaul' }), S)).toBe(12);
    expect(intervalOf(t({ cycle: 'custom' }), S)).toBeNull();
  });

  it("uses the template's own interval over the setting, and a changed setting", () => {
    expect(intervalOf(t({ sizeClass: 'small', intervalMonths: 6 }), S)).toBe(6);
    expect(intervalOf(t({ sizeClass: 'small' }), { ...S, smallMonths: 2 })).toBe(2);
  });

  it('applies a template to its category (any case) and size class, or to any when unset', () => {
    const lamp = { category: 'Lighting', sizeClass: 'small' as const };
    expect(templateApplies(t(), lamp)).toBe(true);
    expect(templateApplies(t({ category: 'lighting' }), lamp)).toBe(true);
    expect(templateApplies(t({ category: 'HVAC' }), lamp)).toBe(false);
    expect(templateApplies(t({ sizeClass: 'large' }), lamp)).toBe(false);
  });

  it('finds overlapping date ranges, open ends included', () => {
    expect(
      rangesOverlap(
        { startsOn: '2026-01-01', endsOn: '2026-06-30' },
        { startsOn: '2026-06-30', endsOn: null },
      ),
    ).toBe(true);
    expect(
      rangesOverlap(
        { startsOn: '2026-01-01', endsOn: '2026-06-29' },
        { startsOn: '2026-06-30', endsOn: null },
      ),
    ).toBe(false);
    expect(
      rangesOverlap({ startsOn: '2027-01-01', endsOn: null }, { startsOn: '2026-01-01', endsOn: null }),
    ).toBe(true);
  });
});
