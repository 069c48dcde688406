// Calendar dates ('YYYY-MM-DD'): warranties are counted in dates of the organisation's time zone,
// not in instants. Pure functions; no clock.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

export function parseDate(d: IsoDate): { y: number; m: number; day: number } {
  const match = ISO_DATE.exec(d);
  if (!match) throw new Error(`not a date: ${d}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const day = Number(match[3]);
  if (m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) throw new Error(`not a date: ${d}`);
  return { y, m, day };
}

export function isDate(d: string): boolean {
  try {
    parseDate(d);
    return true;
  } catch {
    return false;
  }
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const formatDate = (y: number, m: number, day: number): IsoDate =>
  `${pad(y, 4)}-${pad(m)}-${pad(day)}`;

/** Adds calendar months, clamping to the month's end: 01-31 + 1 month = 02-28 (02-29 in leap years). */
export function addMonths(d: IsoDate, months: number): IsoDate {
  const { y, m, day } = parseDate(d);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (((total % 12) + 12) % 12) + 1;
  return formatDate(ny, nm, Math.min(day, daysInMonth(ny, nm)));
}

export function addDays(d: IsoDate, days: number): IsoDate {
  const { y, m, day } = parseDate(d);
  const t = new Date(Date.UTC(y, m - 1, day + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = parseDate(a);
  const pb = parseDate(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.day) - Date.UTC(pa.y, pa.m - 1, pa.day)) / 86_400_000);
}

/** ISO dates compare correctly as strings; these name the intent. */
export const isBefore = (a: IsoDate, b: IsoDate) => a < b;
export const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per zone, kept.
const localDateFormats = new Map<string, Intl.DateTimeFormat>();

function localDateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = localDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    localDateFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date of an instant in a time zone (2026-01-01T16:30Z is 2026-01-02 at UTC+8). */
export function toLocalDate(instant: Date, timeZone: string): IsoDate {
  const parts = localDateFormat(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return formatDate(get('year'), get('month'), get('day'));
}
