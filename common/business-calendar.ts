// Business-time arithmetic (the SLA engine's clock): a calendar is 7×24, or weekly working hours with
// several slots a day (a lunch break is two slots), public holidays and make-up working days (调休),
// in a time zone. Deadlines add business time; elapsed time counts it; a pause is business time that
// does not count. Pure: instants in, instants out.
import { TZDate } from '@date-fns/tz';
import { addDays, formatDate } from './calendar-dates.ts';

/** Minutes from local midnight, [start, end). */
export type Slot = readonly [number, number];

export interface BusinessCalendar {
  timeZone: string;
  /** Working slots by weekday, 0 = Sunday … 6 = Saturday. */
  weekly: Record<number, readonly Slot[]>;
  /** Days off even if their weekday works. */
  holidays: ReadonlySet<string>;
  /** Days that work with `workdaySlots` even if their weekday does not (调休上班). */
  workdays: ReadonlySet<string>;
  workdaySlots: readonly Slot[];
}

export const ALL_DAY: Slot = [0, 1440];

export function calendar24x7(timeZone: string): BusinessCalendar {
  const weekly = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [ALL_DAY]]));
  return { timeZone, weekly, holidays: new Set(), workdays: new Set(), workdaySlots: [ALL_DAY] };
}

/** Monday to Friday with the given slots (default 09:00–12:00 and 13:30–18:00), plus a holiday schedule. */
export function officeCalendar(
  timeZone: string,
  slots: readonly Slot[] = [
    [540, 720],
    [810, 1080],
  ],
  schedule: { holidays: { date: string }[]; workdays: { date: string }[] }[] = [],
): BusinessCalendar {
  const weekly: Record<number, readonly Slot[]> = {
    0: [],
    1: slots,
    2: slots,
    3: slots,
    4: slots,
    5: slots,
    6: [],
  };
  return {
    timeZone,
    weekly,
    holidays: new Set(schedule.flatMap((s) => s.holidays.map((h) => h.date))),
    workdays: new Set(schedule.flatMap((s) => s.workdays.map((w) => w.date))),
    workdaySlots: slots,
  };
}

function localDate(instant: number, timeZone: string): string {
  const d = new TZDate(instant, timeZone);
  return formatDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

function instantOf(date: string, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, 0, timeZone).getTime();
}

function slotsOn(cal: BusinessCalendar, date: string): readonly Slot[] {
  if (cal.holidays.has(date)) return [];
  if (cal.workdays.has(date)) return cal.workdaySlots;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return cal.weekly[weekday] ?? [];
}

const MAX_DAYS = 3700;

/** The business intervals (as instants) of the calendar from `from` on, day by day. */
function* intervals(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  let date = localDate(from, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [s, e] of slotsOn(cal, date)) {
      const start = instantOf(date, s, cal.timeZone);
      const end = e >= 1440 ? instantOf(addDays(date, 1), 0, cal.timeZone) : instantOf(date, e, cal.timeZone);
      if (end > from) yield [Math.max(start, from), end];
    }
    date = addDays(date, 1);
  }
  throw new Error('the calendar has no working time within ten years');
}

/** Every day open all day, no exceptions: business time is wall-clock time (the fast path). */
const roundTheClock = new WeakMap<BusinessCalendar, boolean>();
function isRoundTheClock(cal: BusinessCalendar): boolean {
  let known = roundTheClock.get(cal);
  if (known === undefined) {
    const allDay = (slots: readonly Slot[] | undefined) =>
      slots?.length === 1 && slots[0]![0] === 0 && slots[0]![1] >= 1440;
    known = cal.holidays.size === 0 && [0, 1, 2, 3, 4, 5, 6].every((d) => allDay(cal.weekly[d]));
    roundTheClock.set(cal, known);
  }
  return known;
}

/** The instant at which `seconds` of business time have passed since `start`. */
export function addBusinessSeconds(cal: BusinessCalendar, start: Date, seconds: number): Date {
  let left = seconds * 1000;
  if (left <= 0) return new Date(start);
  if (isRoundTheClock(cal)) return new Date(start.getTime() + left);
  for (const [s, e] of intervals(cal, start.getTime())) {
    if (e - s >= left) return new Date(s + left);
    left -= e - s;
  }
  throw new Error('unreachable');
}

/** Business seconds between two instants (0 when `to` is not after `from`). */
export function businessSecondsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  if (isRoundTheClock(cal)) return Math.round((end - from.getTime()) / 1000);
  let total = 0;
  for (const [s, e] of intervals(cal, from.getTime())) {
    if (s >= end) break;
    total += Math.min(e, end) - s;
  }
  return Math.round(total / 1000);
}

export interface Pause {
  from: Date;
  /** Open pause: null. */
  to: Date | null;
}

/**
 * The time the clock stood still after `start`: pauses clipped to it, sorted, and overlapping (or
 * touching) ones merged, so that no instant is counted twice; an open pause swallows what follows.
 */
export function normalisePauses(pauses: readonly Pause[], start: Date): Pause[] {
  const clipped = pauses
    .map((p) => ({ from: p.from < start ? start : p.from, to: p.to }))
    .filter((p) => p.to === null || p.to > p.from)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: Pause[] = [];
  for (const p of clipped) {
    const last = merged.at(-1);
    if (!last || (last.to !== null && p.from > last.to)) merged.push({ ...p });
    else if (last.to !== null && (p.to === null || p.to > last.to)) last.to = p.to;
  }
  return merged;
}

/**
 * A target's due instant: `seconds` of business time after `start`, not counting the business time
 * spent in pauses (a resumed pause adds back exactly the business time it covered).
 */
export function dueWithPauses(
  cal: BusinessCalendar,
  start: Date,
  seconds: number,
  pauses: readonly Pause[],
  now: Date,
): Date | null {
  const stood = normalisePauses(pauses, start);
  if (stood.some((p) => p.to === null)) return null;
  const paused = stood.reduce((sum, p) => sum + businessSecondsBetween(cal, p.from, p.to ?? now), 0);
  return addBusinessSeconds(cal, start, seconds + paused);
}

/** Business seconds elapsed since `start`, pauses excluded. */
export function elapsedWithPauses(
  cal: BusinessCalendar,
  start: Date,
  pauses: readonly Pause[],
  now: Date,
): number {
  const paused = normalisePauses(pauses, start).reduce(
    (sum, p) => sum + businessSecondsBetween(cal, p.from, p.to ?? now),
    0,
  );
  return businessSecondsBetween(cal, start, now) - paused;
}
