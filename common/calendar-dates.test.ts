import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, formatDate, isDate, toLocalDate } from './calendar-dates.ts';

const arbDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe('calendar dates', () => {
  it('clamps month arithmetic to the end of the month, leap years included', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', 24)).toBe('2028-03-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-12-31', 0)).toBe('2026-12-31');
  });

  it('never overshoots: adding m months lands within that month, and is monotonic', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 0, max: 600 }), (d, m) => {
        const r = addMonths(d, m);
        expect(isDate(r)).toBe(true);
        expect(r >= d).toBe(true);
        expect(addMonths(d, m + 1) > r).toBe(true);
        const [y0, m0] = d.split('-').map(Number) as [number, number];
        const [y1, m1] = r.split('-').map(Number) as [number, number];
        expect(y1 * 12 + m1 - (y0 * 12 + m0)).toBe(m);
      }),
    );
  });

  it('adds days and counts days consistently', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('takes the calendar date of an instant in the given time zone', () => {
    const instant = new Date('2026-01-01T16:30:00Z');
    expect(toLocalDate(instant, 'UTC')).toBe('2026-01-01');
    expect(toLocalDate(instant, 'Asia/Shanghai')).toBe('2026-01-02');
    expect(toLocalDate(new Date('2026-01-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-01-01');
  });

  it('rejects impossible dates', () => {
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('26-1-1')).toBe(false);
  });
});
