// Pure rules of training: working days of a plan on a business calendar, the seed's minimums as
// warnings, drawing an exam from the bank, marking answers, the pass mark.
import type { BusinessCalendar } from './business-calendar.ts';
import { addDays, type IsoDate, toLocalDate } from './calendar-dates.ts';
import type {
  TAnswer,
  TPlanWarning,
  TQuestionKind,
  TTrainingMode,
  TTrainingSettingsValues,
} from './training-api.ts';

/** A day works when the calendar gives it working time: 调休 make-up days do, holidays do not. */
export function isWorkingDay(cal: BusinessCalendar, date: IsoDate): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return cal.workdaySlots.length > 0;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (cal.weekly[weekday] ?? []).length > 0;
}

/** Working days from `from` to `to`, both counted. */
export function workingDaysBetween(cal: BusinessCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = from, i = 0; d <= to && i < 3700; d = addDays(d, 1), i++) if (isWorkingDay(cal, d)) n++;
  return n;
}

/** The seed's minimums a plan misses (篇1 二.5): on site ≥ N working days, ≥ M trainees. Never a block. */
export function planWarnings(
  plan: { mode: TTrainingMode; workingDays: number; traineeCount: number },
  settings: Pick<TTrainingSettingsValues, 'minOnSiteDays' | 'minTrainees'>,
): TPlanWarning[] {
  const out: TPlanWarning[] = [];
  if (plan.mode === 'on_site' && plan.workingDays < settings.minOnSiteDays)
    out.push({ code: 'on_site_days', minimum: settings.minOnSiteDays, actual: plan.workingDays });
  if (plan.traineeCount < settings.minTrainees)
    out.push({ code: 'trainees', minimum: settings.minTrainees, actual: plan.traineeCount });
  return out;
}

/**
 * Draws `count` questions: those not asked in earlier attempts first (a retake gets other questions),
 * then, only when the bank runs out, ones asked before. `random` returns [0, 1).
 */
export function drawQuestions(
  bank: readonly string[],
  askedBefore: ReadonlySet<string>,
  count: number,
  random: () => number,
): string[] {
  const shuffle = (ids: string[]) => {
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    return ids;
  };
  const fresh = shuffle(bank.filter((id) => !askedBefore.has(id)));
  const used = shuffle(bank.filter((id) => askedBefore.has(id)));
  return [...fresh, ...used].slice(0, count);
}

export interface MarkableQuestion {
  kind: TQuestionKind;
  correct: readonly number[];
  points: number;
}

/** Machine marking of a choice or true/false answer: all points for exactly the right choices. Null: the trainer marks it. */
export function autoMark(q: MarkableQuestion, answer: TAnswer | null): number | null {
  if (q.kind === 'short' || q.kind === 'practical') return null;
  const chosen = [...new Set(answer?.choices ?? [])].sort();
  const right = [...q.correct].sort();
  return chosen.length === right.length && chosen.every((c, i) => c === right[i]) ? q.points : 0;
}

/** Percent of the points, rounded down: 59.9 % does not pass a 60 % mark. */
export function percentOf(score: number, maxScore: number): number {
  return maxScore > 0 ? Math.floor((score * 100) / maxScore) : 0;
}

export const isPass = (score: number, maxScore: number, passMark: number) =>
  percentOf(score, maxScore) >= passMark;

/** A phone number as compared: digits only (spaces, dashes and a leading + dropped). */
export const phoneKey = (phone: string) => phone.replace(/[^0-9]/g, '');

/**
 * The trainer's leave (inclusive local dates) that a session falls in: a session that touches a day of
 * leave in the organisation's zone is shown with it (a warning, like an overlapping session).
 */
export function leaveDuring<L extends { from: string; to: string }>(
  startsAt: Date,
  endsAt: Date,
  leave: readonly L[],
  timeZone: string,
): L[] {
  const first = toLocalDate(startsAt, timeZone);
  const last = toLocalDate(new Date(Math.max(startsAt.getTime(), endsAt.getTime() - 1)), timeZone);
  return leave.filter((l) => l.from <= last && l.to >= first);
}
