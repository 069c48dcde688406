// SLA configuration as the engine reads it: calendars and policies from their rows, cached briefly
// because every ticket change reads them (see platform/config-cache.ts).
import { asc } from 'drizzle-orm';
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import type { Policy } from '../../../common/sla-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { configCache } from '../../platform/config-cache.ts';
import { slaCalendars, slaPolicies } from './schema.ts';

type Row = typeof slaCalendars.$inferSelect;

export function toCalendar(row: Row) {
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
  const rows = await tx.select().from(slaCalendars);
  return new Map(rows.map((r) => [r.id, businessCalendarOf(toCalendar(r))]));
}

/** Policies and calendars, read on every ticket change, cached briefly (see config-cache.ts). */
export const slaConfig = configCache(async (tx) => ({
  policies: (await tx.select().from(slaPolicies).orderBy(asc(slaPolicies.position))).map(toPolicy),
  calendars: await calendarsById(tx),
}));

export function toPolicy(row: typeof slaPolicies.$inferSelect): Policy {
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
