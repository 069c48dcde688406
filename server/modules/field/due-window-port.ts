// The due window of a planned visit (maintenance, inspection): the days it should be done on. The
// maintenance module owns visits and their dates; it provides the windows through this port, which
// server/app.ts wires, so field never reads maintenance's tables.
import { TZDate } from '@date-fns/tz';
import { addDays } from '../../../common/calendar-dates.ts';
import type { TDueWindow } from '../../../common/field-api.ts';
import type { Executor } from '../../db/pool.ts';

export type DueWindowSource = (
  db: Executor,
  workOrderIds: readonly string[],
  timeZone: string,
) => Promise<Map<string, TDueWindow>>;

let provided: DueWindowSource | null = null;

export function provideDueWindows(source: DueWindowSource): void {
  provided = source;
}

const PLANNED_KINDS = new Set(['maintenance', 'inspection']);

/** The windows of those work orders that are planned visits (repairs have an on-site deadline instead). */
export async function dueWindowsOf(
  db: Executor,
  rows: readonly { id: string; kind: string }[],
  timeZone: string,
): Promise<Map<string, TDueWindow>> {
  const ids = rows.filter((w) => PLANNED_KINDS.has(w.kind)).map((w) => w.id);
  if (!ids.length) return new Map();
  if (!provided) throw new Error('no due-window source (wired in server/app.ts)');
  return provided(db, ids, timeZone);
}

/** The instant the window closes: the start of the day after its last day, in the zone. */
export function windowClosesAt(window: TDueWindow, timeZone: string): Date {
  return localStart(addDays(window.by, 1), timeZone);
}
export function windowOpensAt(window: TDueWindow, timeZone: string): Date {
  return localStart(window.from, timeZone);
}

function localStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}
