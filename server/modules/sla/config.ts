// SLA configuration as the engine reads it: calendars and policies from their rows, cached briefly
// because every ticket change reads them (see platform/config-cache.ts).
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import type { Policy } from '../../../common/sla-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { configCache } from '../../platform/config-cache.ts';
import * as repo from './repository.ts';

export function toCalendar(row: repo.CalendarRow) {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly: row.weekly,
    holidays: row.holidays,
    workdays: row.workdays,
    workdaySlots: row.workdaySlots,
    version: row.version,
  };
}

export function businessCalendarOf(c: ReturnType<typeof toCalendar>): BusinessCalendar {
  return {
    timeZone: c.timeZone,
    weekly: Object.fromEntries(Object.entries(c.weekly).map(([d, s]) => [Number(d), s])),
    holidays: new Set(c.holidays.map((h) => h.date)),
    workdays: new Set(c.workdays.map((w) => w.date)),
    workdaySlots: c.workdaySlots,
  };
}

export async function calendarsById(tx: Executor): Promise<Map<string, BusinessCalendar>> {
  const rows = await repo.listCalendarRows(tx);
  return new Map(rows.map((r) => [r.id, businessCalendarOf(toCalendar(r))]));
}

/** Policies and calendars, read on every ticket change, cached briefly (see config-cache.ts). */
export const slaConfig = configCache(async (tx) => ({
  policies: (await repo.listPolicyRows(tx)).map(toPolicy),
  calendars: await calendarsById(tx),
}));

export function toPolicy(row: repo.PolicyRow): Policy {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    isDefault: row.isDefault,
    conditions: row.conditions,
    targets: row.targets,
    version: row.version,
  };
}

/** One calendar as the business-day rules read it (other modules schedule on it); null when unknown. */
export async function businessCalendarById(db: Executor, id: string): Promise<BusinessCalendar | null> {
  const row = await repo.findCalendar(db, id);
  return row ? businessCalendarOf(toCalendar(row)) : null;
}
