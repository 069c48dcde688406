// The due window of each visit, as the dispatch board and the engineers' schedules show it (field asks
// through its due-window port, wired in server/app.ts). A planned visit is due from its day until the
// grace days after it have passed (what compliance counts as on time); a special or campaign inspection
// from the day it was arranged until its day (the deadline).
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TDueWindow } from '../../../common/field-api.ts';
import type { Executor } from '../../db/pool.ts';
import { settingsOf } from './service.ts';
import { visitsOfWorkOrders } from './visits-repository.ts';

export async function visitDueWindows(
  db: Executor,
  workOrderIds: readonly string[],
  timeZone: string,
): Promise<Map<string, TDueWindow>> {
  const visits = await visitsOfWorkOrders(db, workOrderIds);
  if (!visits.length) return new Map();
  const { graceDays } = await settingsOf(db);
  return new Map(
    visits.map((v) => {
      if (v.kind === 'planned') return [v.workOrderId, { from: v.dueOn, by: addDays(v.dueOn, graceDays) }];
      const arranged = toLocalDate(v.createdAt, timeZone);
      return [v.workOrderId, { from: [arranged, v.dueOn].sort()[0]!, by: v.dueOn }];
    }),
  );
}
