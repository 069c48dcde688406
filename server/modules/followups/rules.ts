// Pure rules of follow-ups: when a rule's follow-up is due (periods since delivery, delays after an
// event, on the business calendar where the rule says working days), the retries of an unanswered
// call, and the warning instants.
import { TZDate } from '@date-fns/tz';
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import { addDays, addMonths, type IsoDate, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TFollowUpRuleSetting, TFollowUpSettingsValues } from '../../../common/followups-api.ts';

const HOUR = 3_600_000;

/** Open when not a holiday and either a make-up working day (调休) or a weekday with working slots. */
export function isWorkingDay(cal: BusinessCalendar, d: IsoDate): boolean {
  if (cal.holidays.has(d)) return false;
  if (cal.workdays.has(d)) return true;
  return (cal.weekly[new Date(`${d}T00:00:00Z`).getUTCDay()] ?? []).length > 0;
}

/** The day itself when open, else the next working day (unchanged if none within 60 days). */
export function nextWorkingDay(cal: BusinessCalendar, d: IsoDate): IsoDate {
  for (let i = 0; i <= 60; i++) {
    const c = addDays(d, i);
    if (isWorkingDay(cal, c)) return c;
  }
  return d;
}

/** `n` working days after `d` (0: `d`, moved to a working day). */
export function addWorkingDays(cal: BusinessCalendar, d: IsoDate, n: number): IsoDate {
  let day = nextWorkingDay(cal, d);
  for (let i = 0; i < n; i++) day = nextWorkingDay(cal, addDays(day, 1));
  return day;
}

/** The instant of a local date and wall-clock time in the zone. */
export function localInstant(d: IsoDate, minutes: number, timeZone: string): Date {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, day, Math.floor(minutes / 60), minutes % 60, 0, timeZone).getTime());
}

function localMinutes(instant: Date, timeZone: string): number {
  const t = new TZDate(instant.getTime(), timeZone);
  return t.getHours() * 60 + t.getMinutes();
}

/**
 * When an event rule's follow-up is due: `delayDays` after the event — whole days of 24 h (篇1 四.3
 * "within 3 days" of the repair), or working days of the calendar at the same time of day.
 */
export function eventDueAt(
  at: Date,
  rule: Pick<TFollowUpRuleSetting, 'delayDays' | 'workingDays'>,
  cal: BusinessCalendar,
): Date {
  const days = rule.delayDays ?? 0;
  if (!rule.workingDays) return new Date(at.getTime() + days * 24 * HOUR);
  const day = addWorkingDays(cal, toLocalDate(at, cal.timeZone), days);
  return localInstant(day, localMinutes(at, cal.timeZone), cal.timeZone);
}

/** A periodic follow-up opens the working day at 09:00 (local). */
export const PERIODIC_START_MINUTES = 9 * 60;

/**
 * The period of a periodic rule that is due by `horizonEnd`: the latest n ≥ 1 whose nominal date
 * (anchor + n × interval months) is on or before it; null before the first. Only the latest: a project
 * seen for the first time years after delivery gets this period's follow-up, not the missed ones.
 */
export function currentPeriod(
  anchor: IsoDate,
  intervalMonths: number,
  horizonEnd: IsoDate,
): { n: number; nominalOn: IsoDate } | null {
  const [ay, am] = anchor.split('-').map(Number) as [number, number];
  const [hy, hm] = horizonEnd.split('-').map(Number) as [number, number];
  const months = (hy - ay) * 12 + (hm - am);
  let n = Math.floor(months / intervalMonths) + 1;
  while (n >= 1 && addMonths(anchor, n * intervalMonths) > horizonEnd) n--;
  return n >= 1 ? { n, nominalOn: addMonths(anchor, n * intervalMonths) } : null;
}

/** The due instant of a periodic follow-up: its nominal date (moved to a working day when the rule says so). */
export function periodicDueAt(
  nominalOn: IsoDate,
  rule: Pick<TFollowUpRuleSetting, 'workingDays'>,
  cal: BusinessCalendar,
): Date {
  const day = rule.workingDays ? nextWorkingDay(cal, nominalOn) : nominalOn;
  return localInstant(day, PERIODIC_START_MINUTES, cal.timeZone);
}

/**
 * After a call that did not reach the customer: the next try, spreading the tries over the span
 * (3 tries over 48 h: now, +24 h, +48 h); null when the tries are used up (then the email).
 */
export function nextTryAt(
  attemptsDone: number,
  at: Date,
  settings: Pick<TFollowUpSettingsValues, 'maxTries' | 'retrySpanHours'>,
): Date | null {
  if (attemptsDone >= settings.maxTries) return null;
  const gap = settings.retrySpanHours / Math.max(1, settings.maxTries - 1);
  return new Date(at.getTime() + gap * HOUR);
}

/**
 * The next warning instant after level `fired` (0 none yet, 1 "due soon", 2 "overdue"); null when both
 * have fired. A level whose instant has passed fires on the next sweep.
 */
export function flagAfter(
  fired: number,
  dueAt: Date,
  settings: Pick<TFollowUpSettingsValues, 'dueSoonHours' | 'overdueHours'>,
): Date | null {
  if (fired === 0) return new Date(dueAt.getTime() - settings.dueSoonHours * HOUR);
  if (fired === 1) return new Date(dueAt.getTime() + settings.overdueHours * HOUR);
  return null;
}

/** Which level a sweep at `now` fires for a follow-up due at `dueAt` that has fired `fired`. */
export function levelDue(
  fired: number,
  dueAt: Date,
  now: Date,
  settings: Pick<TFollowUpSettingsValues, 'dueSoonHours' | 'overdueHours'>,
): 1 | 2 | null {
  if (fired < 2 && now.getTime() >= dueAt.getTime() + settings.overdueHours * HOUR) return 2;
  if (fired < 1 && now.getTime() >= dueAt.getTime() - settings.dueSoonHours * HOUR) return 1;
  return null;
}
