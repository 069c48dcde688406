// Pure rules of maintenance compliance: when a visit's due window closes, when its overdue warning
// fires, and how a visit counts (done on time, late, missed, still open).
import { TZDate } from '@date-fns/tz';
import { addDays, type IsoDate } from '../../../common/calendar-dates.ts';

/** The instant the due window closes: the start of the day after `dueOn + graceDays`, in the zone. */
export function windowClosesAt(dueOn: IsoDate, graceDays: number, timeZone: string): Date {
  const [y, m, d] = addDays(dueOn, graceDays + 1)
    .split('-')
    .map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** The warning comes `warningLeadDays` before the close (at the close itself when 0). */
export function warningAt(closesAt: Date, warningLeadDays: number): Date {
  return new Date(closesAt.getTime() - warningLeadDays * 86_400_000);
}

export type VisitOutcome = 'on_time' | 'late' | 'missed' | 'open';

export function outcomeOf(
  state: { status: string; completedAt: Date | null } | undefined,
  closesAt: Date,
  now: Date,
): VisitOutcome {
  if (state?.status === 'completed' && state.completedAt)
    return state.completedAt.getTime() < closesAt.getTime() ? 'on_time' : 'late';
  if (state?.status === 'cancelled') return 'missed';
  return now.getTime() >= closesAt.getTime() ? 'missed' : 'open';
}
