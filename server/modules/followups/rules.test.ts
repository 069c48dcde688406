import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../../common/business-calendar.ts';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import { DEFAULT_FOLLOW_UP_SETTINGS } from '../../../common/followups-api.ts';
import {
  addWorkingDays,
  currentPeriod,
  eventDueAt,
  flagAfter,
  levelDue,
  nextTryAt,
  periodicDueAt,
} from './rules.ts';

const ZONE = 'Asia/Shanghai';
const cal = officeCalendar(ZONE, undefined, CN_HOLIDAYS);
const H = 3_600_000;

describe('when follow-ups are due', () => {
  it('takes the latest period of a periodic rule up to the horizon, none before the first', () => {
    expect(currentPeriod('2026-08-28', 3, '2026-11-27')).toBeNull();
    expect(currentPeriod('2026-08-28', 3, '2026-11-28')).toEqual({ n: 1, nominalOn: '2026-11-28' });
    // Seen years later: only this period, not the missed ones.
    expect(currentPeriod('2023-01-15', 3, '2026-12-01')).toEqual({ n: 15, nominalOn: '2026-10-15' });
    // The end of a month stays at the month's last day.
    expect(currentPeriod('2026-01-31', 1, '2026-03-01')).toEqual({ n: 1, nominalOn: '2026-02-28' });
  });

  it('moves a periodic date off weekends and the official holidays, keeping make-up working days', () => {
    // Saturday 2026-11-28 → Monday 09:00 local.
    expect(periodicDueAt('2026-11-28', { workingDays: true }, cal).toISOString()).toBe(
      '2026-11-30T01:00:00.000Z',
    );
    expect(periodicDueAt('2026-11-28', { workingDays: false }, cal).toISOString()).toBe(
      '2026-11-28T01:00:00.000Z',
    );
    // National Day 2026: 10-01…10-07 are holidays.
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
  });

  it('counts the repair delay in whole days and the consultation delay in working days', () => {
    const friday = new Date('2026-11-27T07:30:00Z'); // 15:30 local
    expect(eventDueAt(friday, { delayDays: 3, workingDays: false }, cal).toISOString()).toBe(
      '2026-11-30T07:30:00.000Z',
    );
    expect(eventDueAt(friday, { delayDays: 1, workingDays: true }, cal).toISOString()).toBe(
      '2026-11-30T07:30:00.000Z',
    );
    expect(eventDueAt(friday, { delayDays: 1, workingDays: false }, cal).getTime()).toBe(
      friday.getTime() + 24 * H,
    );
  });
});

describe('retries and warnings', () => {
  it('spreads 3 tries over 48 hours, then nothing (the email)', () => {
    const s = DEFAULT_FOLLOW_UP_SETTINGS;
    const t0 = new Date('2026-12-01T02:00:00Z');
    expect(nextTryAt(1, t0, s)?.getTime()).toBe(t0.getTime() + 24 * H);
    expect(nextTryAt(2, t0, s)?.getTime()).toBe(t0.getTime() + 24 * H);
    expect(nextTryAt(3, t0, s)).toBeNull();
    expect(nextTryAt(1, t0, { maxTries: 1, retrySpanHours: 48 })).toBeNull();
  });

  it('fires due-soon before the due time and overdue after, each once, a missed one at the next sweep', () => {
    const s = { dueSoonHours: 2, overdueHours: 0 };
    const due = new Date('2026-12-01T02:00:00Z');
    expect(flagAfter(0, due, s)?.getTime()).toBe(due.getTime() - 2 * H);
    expect(flagAfter(1, due, s)?.getTime()).toBe(due.getTime());
    expect(flagAfter(2, due, s)).toBeNull();
    expect(levelDue(0, due, new Date(due.getTime() - 3 * H), s)).toBeNull();
    expect(levelDue(0, due, new Date(due.getTime() - H), s)).toBe(1);
    expect(levelDue(1, due, new Date(due.getTime() - H), s)).toBeNull();
    // After downtime both are past: the overdue level fires (the due-soon one is moot).
    expect(levelDue(0, due, new Date(due.getTime() + H), s)).toBe(2);
    expect(levelDue(2, due, new Date(due.getTime() + H), s)).toBeNull();
  });
});
