import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessSeconds,
  businessSecondsBetween,
  calendar24x7,
  dueWithPauses,
  elapsedWithPauses,
  normalisePauses,
  officeCalendar,
  type Pause,
} from './business-calendar.ts';
import { CN_HOLIDAYS } from './cn-holidays.ts';

const TZ = 'Asia/Shanghai';
const office = officeCalendar(TZ, undefined, CN_HOLIDAYS);
/** A wall-clock time in Shanghai as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const H = 3600;

describe('business calendar', () => {
  it('counts every second on a 7×24 calendar', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 30 * 86400 }),
        (start, s) => {
          expect(addBusinessSeconds(calendar24x7(TZ), start, s).getTime()).toBe(start.getTime() + s * 1000);
        },
      ),
    );
  });

  it('skips the night, the weekend and the lunch break', () => {
    expect(addBusinessSeconds(office, sh('2026-11-20T17:00:00'), 2 * H)).toEqual(sh('2026-11-23T10:00:00'));
    expect(addBusinessSeconds(office, sh('2026-11-24T11:30:00'), H)).toEqual(sh('2026-11-24T14:00:00'));
    expect(addBusinessSeconds(office, sh('2026-11-24T20:00:00'), 30 * 60)).toEqual(sh('2026-11-25T09:30:00'));
  });

  it('skips public holidays and works on make-up days (调休)', () => {
    // National Day 2026: Oct 1–7 off; Saturday Oct 10 is a working day.
    expect(addBusinessSeconds(office, sh('2026-09-30T17:00:00'), 2 * H)).toEqual(sh('2026-10-08T10:00:00'));
    expect(addBusinessSeconds(office, sh('2026-10-09T17:00:00'), 2 * H)).toEqual(sh('2026-10-10T10:00:00'));
    // Spring Festival 2026: Feb 15–23 off, Saturday Feb 14 works.
    expect(addBusinessSeconds(office, sh('2026-02-13T17:30:00'), H)).toEqual(sh('2026-02-14T09:30:00'));
    expect(businessSecondsBetween(office, sh('2026-02-15T00:00:00'), sh('2026-02-24T00:00:00'))).toBe(0);
  });

  it('measures back exactly what it adds, for any start and duration', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 200 * H }),
        (start, s) => {
          const due = addBusinessSeconds(office, start, s);
          expect(businessSecondsBetween(office, start, due)).toBe(s);
          expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adds back the business time of a pause, not its wall-clock time', () => {
    const start = sh('2026-11-23T09:00:00'); // Monday
    const lunchPause = { from: sh('2026-11-23T11:30:00'), to: sh('2026-11-23T14:00:00') }; // 1 h of business time
    expect(dueWithPauses(office, start, 4 * H, [lunchPause], sh('2026-11-23T15:00:00'))).toEqual(
      sh('2026-11-23T15:30:00'),
    );
    expect(elapsedWithPauses(office, start, [lunchPause], sh('2026-11-23T15:00:00'))).toBe(3.5 * H);
    expect(elapsedWithPauses(office, start, [lunchPause], sh('2026-11-23T15:30:00'))).toBe(4 * H);
    expect(
      dueWithPauses(
        office,
        start,
        4 * H,
        [{ from: sh('2026-11-23T10:00:00'), to: null }],
        sh('2026-11-23T15:00:00'),
      ),
    ).toBeNull();
  });

  it('ships the 2025 and 2026 schedules with their make-up days', () => {
    const y2026 = CN_HOLIDAYS.find((s) => s.year === 2026)!;
    expect(y2026.holidays.filter((h) => h.name === '春节')).toHaveLength(9);
    expect(y2026.workdays.map((w) => w.date)).toContain('2026-10-10');
    for (const s of CN_HOLIDAYS) {
      for (const w of s.workdays) expect([0, 6]).toContain(new Date(`${w.date}T00:00:00Z`).getUTCDay());
    }
  });

  it('never lands a deadline in closed time (holidays, nights, weekends, lunch)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 120 * H }),
        (start, s) => {
          const due = addBusinessSeconds(office, start, s);
          // The business second that ends at the deadline is working time: one second before it counts.
          expect(businessSecondsBetween(office, new Date(due.getTime() - 1000), due)).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 * H }),
        fc.integer({ min: 0, max: 60 * H }),
        (start, a, b) => {
          const stepwise = addBusinessSeconds(office, addBusinessSeconds(office, start, a), b);
          const atOnce = addBusinessSeconds(office, start, a + b);
          // Equal, except that stepping may stop at a slot's end where the sum starts the next slot.
          expect(businessSecondsBetween(office, start, stepwise)).toBe(a + b);
          expect(businessSecondsBetween(office, atOnce, stepwise)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps working hours in local time across a daylight-saving change', () => {
    const ny = officeCalendar('America/New_York', [[540, 1020]]); // 09:00–17:00
    // Friday 2026-03-06 16:00 EST + 2 h → Monday 2026-03-09 10:00 EDT (clocks went forward on Sunday).
    expect(addBusinessSeconds(ny, new Date('2026-03-06T16:00:00-05:00'), 2 * H)).toEqual(
      new Date('2026-03-09T10:00:00-04:00'),
    );
    // A 7×24 calendar counts the real hours of the short night: 23:00 EST + 4 h = 04:00 EDT.
    expect(
      addBusinessSeconds(calendar24x7('America/New_York'), new Date('2026-03-07T23:00:00-05:00'), 4 * H),
    ).toEqual(new Date('2026-03-08T04:00:00-04:00'));
    expect(
      businessSecondsBetween(
        ny,
        new Date('2026-03-06T09:00:00-05:00'),
        new Date('2026-03-09T17:00:00-04:00'),
      ),
    ).toBe(16 * H);
  });
});

describe('pauses', () => {
  const start = sh('2026-11-23T09:00:00');
  const pause = fc
    .record({ from: fc.integer({ min: -48, max: 120 }), hours: fc.integer({ min: 0, max: 48 }) })
    .map(({ from, hours }) => ({
      from: new Date(start.getTime() + from * 1800_000),
      to: new Date(start.getTime() + (from + hours) * 1800_000),
    }));
  const covered = (ps: readonly Pause[], t: number) =>
    ps.some((p) => p.from.getTime() <= t && (p.to === null || t < p.to.getTime()));

  it('keep exactly the instants after the start that some pause covers, once, in order', () => {
    fc.assert(
      fc.property(fc.array(pause, { maxLength: 6 }), (pauses) => {
        const out = normalisePauses(pauses, start);
        out.forEach((p, i) => {
          expect(p.from.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(p.to!.getTime()).toBeGreaterThan(p.from.getTime());
          if (i > 0) expect(p.from.getTime()).toBeGreaterThan(out[i - 1]!.to!.getTime());
        });
        const probes = pauses.flatMap((p) => [p.from.getTime(), p.to.getTime(), p.to.getTime() - 1]);
        for (const t of [...probes, start.getTime(), start.getTime() - 1]) {
          expect(covered(out, t)).toBe(t >= start.getTime() && covered(pauses, t));
        }
      }),
    );
  });

  it('count neither a pause before the start nor an overlap twice', () => {
    fc.assert(
      fc.property(fc.array(pause, { maxLength: 5 }), fc.integer({ min: 0, max: 20 * H }), (pauses, s) => {
        const due = dueWithPauses(office, start, s, pauses, start);
        const before = { from: sh('2026-11-20T10:00:00'), to: sh('2026-11-20T11:00:00') };
        expect(dueWithPauses(office, start, s, [before, ...pauses, ...pauses], start)).toEqual(due);
        expect(dueWithPauses(office, start, s, normalisePauses(pauses, start), start)).toEqual(due);
      }),
    );
  });

  it('merge an open pause with whatever follows it', () => {
    const open = { from: sh('2026-11-23T10:00:00'), to: null };
    const later = { from: sh('2026-11-23T11:00:00'), to: sh('2026-11-23T15:00:00') };
    expect(normalisePauses([later, open], start)).toEqual([open]);
  });
});
