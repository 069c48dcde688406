import { describe, expect, it } from 'vitest';
import { officeCalendar } from './business-calendar.ts';
import { CN_HOLIDAYS } from './cn-holidays.ts';
import {
  autoMark,
  drawQuestions,
  isPass,
  leaveDuring,
  percentOf,
  planWarnings,
  workingDaysBetween,
} from './training-rules.ts';

const cal = officeCalendar('Asia/Shanghai', undefined, CN_HOLIDAYS);
const settings = { minOnSiteDays: 2, minTrainees: 5 };

describe('working days of a plan', () => {
  it('counts Monday and Tuesday as two', () => {
    expect(workingDaysBetween(cal, '2026-03-02', '2026-03-03')).toBe(2);
  });
  it('does not count a weekend', () => {
    expect(workingDaysBetween(cal, '2026-03-06', '2026-03-09')).toBe(2);
  });
  it('does not count the National Day holiday', () => {
    // 2026-09-30 works; 1–7 October are off.
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-02')).toBe(1);
  });
});

describe('plan warnings', () => {
  it('warns of one on-site working day and four trainees, never for online training days', () => {
    expect(planWarnings({ mode: 'on_site', workingDays: 1, traineeCount: 4 }, settings)).toEqual([
      { code: 'on_site_days', minimum: 2, actual: 1 },
      { code: 'trainees', minimum: 5, actual: 4 },
    ]);
    expect(planWarnings({ mode: 'online', workingDays: 1, traineeCount: 5 }, settings)).toEqual([]);
    expect(planWarnings({ mode: 'on_site', workingDays: 2, traineeCount: 5 }, settings)).toEqual([]);
  });
});

describe('drawing an exam', () => {
  const bank = ['a', 'b', 'c', 'd', 'e', 'f'];
  it('draws questions not asked before first', () => {
    const drawn = drawQuestions(bank, new Set(['a', 'b', 'c']), 3, Math.random);
    expect(drawn.sort()).toEqual(['d', 'e', 'f']);
  });
  it('tops up with asked questions only when the bank runs out', () => {
    const drawn = drawQuestions(bank, new Set(['a', 'b', 'c', 'd', 'e']), 3, Math.random);
    expect(drawn[0]).toBe('f');
    expect(new Set(drawn).size).toBe(3);
  });
});

describe('marking', () => {
  it('gives the points only for exactly the right choices', () => {
    const q = { kind: 'multiple' as const, correct: [0, 2], points: 4 };
    expect(autoMark(q, { choices: [2, 0] })).toBe(4);
    expect(autoMark(q, { choices: [0] })).toBe(0);
    expect(autoMark(q, null)).toBe(0);
    expect(autoMark({ kind: 'short', correct: [], points: 5 }, { text: 'x' })).toBeNull();
  });
  it('passes at the mark and not a point below', () => {
    expect(isPass(6, 10, 60)).toBe(true);
    expect(isPass(5, 10, 60)).toBe(false);
    expect(percentOf(599, 1000)).toBe(59);
    expect(isPass(599, 1000, 60)).toBe(false);
  });
});

describe("the trainer's leave against a session", () => {
  const leave = [{ from: '2026-10-08', to: '2026-10-09' }];
  it('finds the leave on a local day of the session, not on the UTC day', () => {
    // 2026-10-07 23:30 UTC is 10-08 07:30 in Shanghai: on leave there.
    const s = new Date('2026-10-07T23:30:00Z');
    expect(leaveDuring(s, new Date('2026-10-08T01:00:00Z'), leave, 'Asia/Shanghai')).toEqual(leave);
    expect(leaveDuring(s, new Date('2026-10-07T23:59:00Z'), leave, 'UTC')).toEqual([]);
  });
  it('counts a session ending at midnight as the day before only, and one spanning the leave', () => {
    const z = 'Asia/Shanghai';
    expect(leaveDuring(new Date('2026-10-07T08:00:00Z'), new Date('2026-10-07T16:00:00Z'), leave, z)).toEqual(
      [],
    );
    expect(leaveDuring(new Date('2026-10-06T01:00:00Z'), new Date('2026-10-12T09:00:00Z'), leave, z)).toEqual(
      leave,
    );
    expect(leaveDuring(new Date('2026-10-10T01:00:00Z'), new Date('2026-10-10T09:00:00Z'), leave, z)).toEqual(
      [],
    );
  });
});
