// SLA calendars: stored, edited by admins, and previewed ("when is this due?") before anyone trusts them.
import { dueWithPauses } from '../../../common/business-calendar.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { businessCalendarOf, slaConfig, toCalendar } from './config.ts';
import * as repo from './repository.ts';
import { type Slot, slaCalendars } from './schema.ts';

export interface CalendarInput {
  name: string;
  timeZone: string;
  weekly: Record<string, Slot[]>;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
  workdaySlots: Slot[];
}

function checkSlots(field: string, slots: Slot[]) {
  const sorted = [...slots].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length; i++) {
    const [s, e] = sorted[i]!;
    if (s >= e) throw invalidField(field, 'a slot must end after it starts');
    if (i > 0 && s < sorted[i - 1]![1]) throw invalidField(field, 'slots overlap');
  }
}

export async function listCalendars(ctx: Ctx) {
  return (await repo.listCalendarRows(ctx.db)).map(toCalendar);
}

export async function getCalendar(ctx: Ctx, id: string) {
  const row = await repo.findCalendar(ctx.db, id);
  if (!row) throw notFound('Calendar');
  return toCalendar(row);
}

export async function createCalendar(ctx: Ctx, input: CalendarInput) {
  for (const [d, s] of Object.entries(input.weekly)) checkSlots(`weekly.${d}`, s);
  checkSlots('workdaySlots', input.workdaySlots);
  return slaConfig.change(ctx.db, async (tx) => {
    const [row] = await repo.insertCalendars(tx, [input]);
    await writeAudit(tx, ctx, {
      action: 'sla-calendar.create',
      entityType: 'sla_calendar',
      entityId: row!.id,
      after: row,
    });
    return toCalendar(row!);
  });
}

export async function updateCalendar(
  ctx: Ctx,
  id: string,
  input: Partial<CalendarInput> & { version: number },
) {
  for (const [d, s] of Object.entries(input.weekly ?? {})) checkSlots(`weekly.${d}`, s);
  if (input.workdaySlots) checkSlots('workdaySlots', input.workdaySlots);
  return slaConfig.change(ctx.db, async (tx) => {
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, slaCalendars, 'Calendar', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'sla-calendar.update',
      entityType: 'sla_calendar',
      entityId: id,
      after,
    });
    return toCalendar(after);
  });
}

/** When would a target of `durationSeconds` started at `start` be due on this calendar, with these pauses? */
export async function previewCalendar(
  ctx: Ctx,
  id: string,
  input: { start: string; durationSeconds: number; pauses: { from: string; to: string }[] },
) {
  const cal = businessCalendarOf(await getCalendar(ctx, id));
  const start = new Date(input.start);
  const pauses = input.pauses.map((p, i) => {
    const from = new Date(p.from);
    const to = new Date(p.to);
    if (to <= from) throw invalidField(`pauses.${i}.to`, 'a pause must end after it starts');
    return { from, to };
  });
  const due = dueWithPauses(cal, start, input.durationSeconds, pauses, start)!;
  return {
    due: due.toISOString(),
    businessSeconds: input.durationSeconds,
    wallClockSeconds: Math.round((due.getTime() - start.getTime()) / 1000),
  };
}

/**
 * Replaces one year's days off and make-up working days (e.g. the State Council notice for the next
 * year), keeping the other years. Audited like any calendar change.
 */
export async function importYear(
  ctx: Ctx,
  id: string,
  input: { year: number; version: number; days: { date: string; name: string; kind: 'off' | 'work' }[] },
) {
  input.days.forEach((d, i) => {
    if (!d.date.startsWith(`${input.year}-`)) throw invalidField(`days.${i}.date`, `not in ${input.year}`);
  });
  const dates = input.days.map((d) => d.date);
  const dup = dates.find((d, i) => dates.indexOf(d) !== i);
  if (dup) throw invalidField('days', `${dup} appears twice`);
  const current = await getCalendar(ctx, id);
  const otherYears = (list: { date: string; name: string }[]) =>
    list.filter((d) => !d.date.startsWith(`${input.year}-`));
  const pick = (kind: 'off' | 'work') =>
    input.days.filter((d) => d.kind === kind).map(({ date, name }) => ({ date, name }));
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  return updateCalendar(ctx, id, {
    version: input.version,
    holidays: [...otherYears(current.holidays), ...pick('off')].sort(byDate),
    workdays: [...otherYears(current.workdays), ...pick('work')].sort(byDate),
  });
}
