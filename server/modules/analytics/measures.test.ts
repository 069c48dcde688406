// Pure rules of the measures: working minutes from an engineer profile (utilisation's denominator) and
// the first-resolution / first-reopening marks of a ticket (first-time fix); the whole months of a
// period (what the monthly narrow rollup answers).
import { describe, expect, it } from 'vitest';
import { workingMinutesOf } from '../field/index.ts';
import { resolutionMarks } from '../tickets/resolution-marks.ts';
import { monthDays } from './measures.ts';
import { wholeMonths } from './repository.ts';

describe('working minutes', () => {
  const profile = { workDays: [1, 2, 3, 4, 5], workStart: 510, workEnd: 1050, leave: [] };
  it('November 2026: 21 weekdays of 9 hours', () => {
    expect(workingMinutesOf(profile, '2026-11-01', '2026-11-30')).toBe(21 * 540);
  });
  it('leave days and days off are left out; Sunday is 0', () => {
    expect(
      workingMinutesOf(
        { ...profile, workDays: [0, 6], leave: [{ from: '2026-11-28', to: '2026-11-28' }] },
        '2026-11-23',
        '2026-11-29',
      ),
    ).toBe(540); // Sunday 29th only: Saturday 28th is leave
  });
});

describe('resolution marks', () => {
  const at = new Date('2026-11-05T02:00:00Z');
  const fresh = { status: 'in_progress', firstResolvedAt: null, reopenedAt: null };
  it('the first resolution (or closing) is kept', () => {
    expect(resolutionMarks(fresh, 'resolved', at)).toEqual({ firstResolvedAt: at });
    expect(resolutionMarks(fresh, 'closed', at)).toEqual({ firstResolvedAt: at });
    expect(
      resolutionMarks({ ...fresh, status: 'in_progress', firstResolvedAt: at }, 'resolved', new Date()),
    ).toEqual({});
  });
  it('the first reopening after it is kept, later ones are not', () => {
    const done = { status: 'resolved', firstResolvedAt: at, reopenedAt: null };
    expect(resolutionMarks(done, 'in_progress', at)).toEqual({ reopenedAt: at });
    expect(resolutionMarks({ ...done, status: 'closed' }, 'in_progress', at)).toEqual({ reopenedAt: at });
    expect(resolutionMarks({ ...done, reopenedAt: at }, 'in_progress', new Date())).toEqual({});
    // Waiting for the customer is not a reopening.
    expect(resolutionMarks({ ...done, status: 'in_progress' }, 'waiting_customer', at)).toEqual({});
  });
});

describe('month days', () => {
  it('first and last local day of a month', () => {
    expect(monthDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('the whole months of a period (the monthly narrow rollup answers them)', () => {
  it('a year from mid-month: the 11 months between the edges', () => {
    expect(wholeMonths('2025-12-03', '2026-12-02')).toEqual({ first: '2026-01-01', end: '2026-12-01' });
  });
  it('a period of whole months, ending on the last day of February', () => {
    expect(wholeMonths('2026-01-01', '2026-02-28')).toEqual({ first: '2026-01-01', end: '2026-03-01' });
    expect(wholeMonths('2024-02-01', '2024-02-28')).toBeNull(); // leap year: the 29th is left out
    expect(wholeMonths('2026-12-01', '2026-12-31')).toEqual({ first: '2026-12-01', end: '2027-01-01' });
  });
  it('no whole month: inside a month, or across a month end', () => {
    expect(wholeMonths('2026-11-02', '2026-11-30')).toBeNull();
    expect(wholeMonths('2026-11-12', '2026-12-01')).toBeNull();
    expect(wholeMonths('2026-11-01', '2026-11-29')).toBeNull();
  });
});
