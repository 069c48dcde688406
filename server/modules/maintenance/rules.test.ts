import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../../common/business-calendar.ts';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import { DEFAULT_MAINTENANCE_SETTINGS as S } from '../../../common/maintenance-api.ts';
import {
  dueDateOf,
  intervalOf,
  isWorkingDay,
  nominalDates,
  onPreferredWeekday,
  rangesOverlap,
  templateApplies,
} from './rules.ts';

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

describe('maintenance scheduling', () => {
  const cal = officeCalendar('Asia/Shanghai', undefined, CN_HOLIDAYS);
  it('moves a visit off the Spring Festival and National Day holidays, earlier by default or later', () => {
    // 2026-02-17 is in the Spring Festival break (02-15 … 02-23); Saturday 02-14 is a make-up working day.
    expect(dueDateOf('2026-02-17', { weekday: null, calendar: cal, direction: 'earlier' })).toBe(
      '2026-02-14',
    );
    expect(dueDateOf('2026-02-17', { weekday: null, calendar: cal, direction: 'later' })).toBe('2026-02-24');
    expect(dueDateOf('2026-10-05', { weekday: null, calendar: cal, direction: 'earlier' })).toBe(
      '2026-09-30',
    );
    // A make-up working Saturday (调休) stays.
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
  });

  it('puts a visit on the preferred weekday of its week, on or before the date', () => {
    expect(onPreferredWeekday('2026-03-05', 2)).toBe('2026-03-03'); // Thursday → Tuesday
    expect(onPreferredWeekday('2026-03-02', 5)).toBe('2026-02-27'); // Monday → the Friday before
    expect(onPreferredWeekday('2026-03-05', null)).toBe('2026-03-05');
  });

  it('lists fixed dates from the start and one floating date from the last completion', () => {
    const fixed = {
      mode: 'fixed' as const,
      startsOn: '2026-01-31',
      endsOn: null,
      intervalMonths: 1,
      lastCompletedOn: null,
    };
    expect(nominalDates(fixed, '2026-02-01', '2026-04-30').map((d) => d.on)).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    expect(nominalDates({ ...fixed, endsOn: '2026-03-31' }, '2026-02-01', '2026-04-30')).toHaveLength(2);
    const floating = { ...fixed, mode: 'floating' as const, intervalMonths: 2 };
    expect(nominalDates(floating, '2026-02-01', '2026-04-30')).toEqual([
      { on: '2026-02-01', countedFrom: '2026-01-31' },
    ]);
    expect(nominalDates({ ...floating, lastCompletedOn: '2026-02-10' }, '2026-02-11', '2026-05-30')).toEqual([
      { on: '2026-04-10', countedFrom: '2026-02-10' },
    ]);
  });
});
