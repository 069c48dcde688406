// Pure rules of planned maintenance: which interval a template runs at, and which templates apply to
// which equipment (by product category and size class).
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import { addDays, addMonths, type IsoDate } from '../../../common/calendar-dates.ts';
import type {
  TMaintenanceCycle,
  TMaintenanceSettings,
  TVisitReason,
} from '../../../common/maintenance-api.ts';

export type SizeClass = 'small' | 'medium' | 'large';
type Intervals = Pick<
  TMaintenanceSettings,
  | 'smallMonths'
  | 'mediumMonths'
  | 'largeMonths'
  | 'patrolMonths'
  | 'electricalCleaningMonths'
  | 'overhaulMonths'
>;

export interface TemplateScope {
  cycle: TMaintenanceCycle;
  category: string | null;
  sizeClass: SizeClass | null;
  intervalMonths: number | null;
}

/**
 * The months between visits of a template: its own interval, else the setting for its cycle; a routine
 * template follows the size class (its own, else the asset's). Null when that is not yet known.
 */
export function intervalOf(t: TemplateScope, settings: Intervals, assetSize: SizeClass | null = null) {
  if (t.intervalMonths !== null) return t.intervalMonths;
  switch (t.cycle) {
    case 'patrol':
      return settings.patrolMonths;
    case 'electrical_cleaning':
      return settings.electricalCleaningMonths;
    case 'overhaul':
      return settings.overhaulMonths;
    case 'custom':
      return null;
    case 'routine': {
      const size = t.sizeClass ?? assetSize;
      if (size === 'small') return settings.smallMonths;
      if (size === 'medium') return settings.mediumMonths;
      if (size === 'large') return settings.largeMonths;
      return null;
    }
  }
}

/** A template applies to equipment of its category (or any) and its size class (or any). */
export function templateApplies(
  t: TemplateScope,
  asset: { category: string; sizeClass: SizeClass },
): boolean {
  return (
    (t.category === null || t.category.toLowerCase() === asset.category.toLowerCase()) &&
    (t.sizeClass === null || t.sizeClass === asset.sizeClass)
  );
}

/** Do two date ranges (ISO dates, an open end as null) share a day? */
export function rangesOverlap(
  a: { startsOn: string; endsOn: string | null },
  b: { startsOn: string; endsOn: string | null },
): boolean {
  return (a.endsOn === null || b.startsOn <= a.endsOn) && (b.endsOn === null || a.startsOn <= b.endsOn);
}

// ---------- scheduling ----------

/** A day is open when it is not a holiday and either a make-up working day or a weekday with slots. */
export function isWorkingDay(cal: BusinessCalendar, d: IsoDate): boolean {
  if (cal.holidays.has(d)) return false;
  if (cal.workdays.has(d)) return true;
  return (cal.weekly[new Date(`${d}T00:00:00Z`).getUTCDay()] ?? []).length > 0;
}

/** The nearest working day, earlier or later (the day itself when open); unchanged if none within 60 days. */
export function shiftToWorkingDay(
  cal: BusinessCalendar,
  d: IsoDate,
  direction: 'earlier' | 'later',
): IsoDate {
  const step = direction === 'earlier' ? -1 : 1;
  for (let i = 0; i <= 60; i++) {
    const c = addDays(d, i * step);
    if (isWorkingDay(cal, c)) return c;
  }
  return d;
}

/** The preferred ISO weekday (1 Monday … 7 Sunday) of the same week, on or before the date. */
export function onPreferredWeekday(d: IsoDate, weekday: number | null): IsoDate {
  if (weekday === null) return d;
  const iso = ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return addDays(d, -((iso - weekday + 7) % 7));
}

export interface ScheduledItem {
  mode: 'fixed' | 'floating';
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  intervalMonths: number;
  /** floating: the local date of the last completed visit of this asset and template. */
  lastCompletedOn: IsoDate | null;
}

/**
 * The nominal due dates in [from, to]: fixed plans every interval from their start (counted from the
 * start each time, so month ends do not drift); floating plans only the next one, an interval after the
 * last completion (the start before any), brought forward to `from` when overdue.
 */
export function nominalDates(
  item: ScheduledItem,
  from: IsoDate,
  to: IsoDate,
): { on: IsoDate; countedFrom: IsoDate }[] {
  const last = item.endsOn !== null && item.endsOn < to ? item.endsOn : to;
  if (item.mode === 'floating') {
    const countedFrom = item.lastCompletedOn ?? item.startsOn;
    let on = item.lastCompletedOn ? addMonths(item.lastCompletedOn, item.intervalMonths) : item.startsOn;
    if (on < from) on = from;
    return on <= last ? [{ on, countedFrom }] : [];
  }
  const out: { on: IsoDate; countedFrom: IsoDate }[] = [];
  for (let k = 0; k < 10_000; k++) {
    const on = addMonths(item.startsOn, k * item.intervalMonths);
    if (on > last) break;
    if (on >= from) out.push({ on, countedFrom: item.startsOn });
  }
  return out;
}

/** The visit date of a nominal date: on the preferred weekday, then off closed days. */
export function dueDateOf(
  nominal: IsoDate,
  opts: { weekday: number | null; calendar: BusinessCalendar; direction: 'earlier' | 'later' },
): IsoDate {
  return shiftToWorkingDay(opts.calendar, onPreferredWeekday(nominal, opts.weekday), opts.direction);
}

export function reasonOf(
  item: ScheduledItem,
  nominal: { on: IsoDate; countedFrom: IsoDate },
  dueOn: IsoDate,
): TVisitReason {
  return {
    mode: item.mode,
    intervalMonths: item.intervalMonths,
    countedFrom: nominal.countedFrom,
    nominalOn: nominal.on,
    movedFrom: dueOn === nominal.on ? null : nominal.on,
  };
}
