// The training minimums and defaults (one settings row): the seed's numbers until an administrator
// changes them (GET/PUT with version, audited).
import { type BusinessCalendar, officeCalendar } from '../../../common/business-calendar.ts';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import {
  DEFAULT_TRAINING_SETTINGS,
  type TTrainingSettings,
  type TUpdateTrainingSettingsRequest,
} from '../../../common/training-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, staleVersion } from '../../platform/errors.ts';
import { businessCalendarById } from '../sla/index.ts';
import * as repo from './repository.ts';

/** The stored values over the defaults (a setting added later keeps its default until set). */
export async function trainingSettingsOf(db: Executor): Promise<TTrainingSettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_TRAINING_SETTINGS, version: 0, updatedAt: null };
  return {
    ...DEFAULT_TRAINING_SETTINGS,
    ...row.values,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Working days are counted on the chosen SLA calendar, else Monday–Friday with the official holidays and 调休. */
export async function trainingCalendar(
  db: Executor,
  calendarId: string | null,
  timeZone: string,
): Promise<BusinessCalendar> {
  const chosen = calendarId ? await businessCalendarById(db, calendarId) : null;
  return chosen ?? officeCalendar(timeZone, undefined, CN_HOLIDAYS);
}

export async function updateTrainingSettings(ctx: Ctx, input: TUpdateTrainingSettingsRequest) {
  const { version, ...values } = input;
  if (values.calendarId && !(await businessCalendarById(ctx.db, values.calendarId)))
    throw invalidField('calendarId', 'no such calendar');
  const before = await trainingSettingsOf(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.upsertSettings(
      tx,
      version,
      { values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Training settings');
    await writeAudit(tx, ctx, {
      action: 'training.settings',
      entityType: 'training_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return trainingSettingsOf(ctx.db);
}
