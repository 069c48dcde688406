// The follow-up rules and their numbers (one settings row): the seed's defaults until a manager
// changes them (GET/PUT with version, audited).
import { officeCalendar } from '../../../common/business-calendar.ts';
import { toLocalDate } from '../../../common/calendar-dates.ts';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import {
  DEFAULT_FOLLOW_UP_SETTINGS,
  type TFollowUpSettings,
  type TFollowUpSettingsValues,
  type TUpdateFollowUpSettingsRequest,
} from '../../../common/followups-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, staleVersion } from '../../platform/errors.ts';
import * as repo from './repository.ts';

/**
 * The stored values over the defaults, field by field: a rule added later keeps its default until
 * set, and a row carried over by an upgrade (0052: the repair delay an administrator had changed in
 * field's settings) names only what it keeps.
 */
export async function settingsOf(db: Executor): Promise<TFollowUpSettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_FOLLOW_UP_SETTINGS, version: 0, updatedAt: null };
  const values = row.values;
  const rules = Object.fromEntries(
    Object.entries(DEFAULT_FOLLOW_UP_SETTINGS.rules).map(([name, rule]) => [
      name,
      { ...rule, ...values.rules?.[name as keyof typeof values.rules] },
    ]),
  ) as TFollowUpSettings['rules'];
  return {
    ...DEFAULT_FOLLOW_UP_SETTINGS,
    ...values,
    rules,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Working days: Monday–Friday with the official Chinese holidays and make-up days, in the organisation's zone. */
export const calendarOf = (timeZone: string) => officeCalendar(timeZone, undefined, CN_HOLIDAYS);

const PERIODIC = ['delivery_quarterly', 'onsite_monthly', 'onsite_yearly', 'periodic_call'] as const;

function check(values: TFollowUpSettingsValues) {
  for (const [name, rule] of Object.entries(values.rules)) {
    const periodic = (PERIODIC as readonly string[]).includes(name);
    if (periodic && rule.intervalMonths === null)
      throw invalidField(`rules.${name}.intervalMonths`, 'a periodic rule needs its interval in months');
    if (!periodic && rule.delayDays === null)
      throw invalidField(`rules.${name}.delayDays`, 'a rule after an event needs its delay in days');
    if (rule.channel === 'on_site' && (name === 'periodic_call' || !periodic))
      throw invalidField(
        `rules.${name}.channel`,
        'an on-site visit needs a project: only project rules visit',
      );
  }
}

export async function updateSettings(ctx: Ctx, input: TUpdateFollowUpSettingsRequest) {
  const { version, ...values } = input;
  check(values);
  const before = await settingsOf(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.upsertSettings(
      tx,
      version,
      { values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Follow-up settings');
    // A periodic rule's new interval moves its schedules to the new interval's next period.
    const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
    for (const rule of PERIODIC) {
      const months = values.rules[rule].intervalMonths;
      if (months && months !== before.rules[rule].intervalMonths)
        await repo.rescheduleRule(tx, rule, months, today);
    }
    await writeAudit(tx, ctx, {
      action: 'followups.settings',
      entityType: 'follow_up_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return settingsOf(ctx.db);
}
