// Survey settings per kind, with the seed's defaults (篇1 五.4): GET all four kinds, PUT one kind with
// its version (0 before the first change), audited.
import {
  DEFAULT_SURVEY_SETTINGS,
  SURVEY_KINDS,
  type TSurveyKind,
  type TSurveySettings,
  type TUpdateSurveySettingsRequest,
} from '../../../common/surveys-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import { sourceOf } from './sources.ts';

export async function surveySettingsOf(db: Executor): Promise<Map<TSurveyKind, TSurveySettings>> {
  const rows = new Map((await repo.findSettings(db)).map((r) => [r.kind, r]));
  return new Map(
    SURVEY_KINDS.map((kind): [TSurveyKind, TSurveySettings] => {
      const row = rows.get(kind);
      const hasSource = sourceOf(kind) !== undefined;
      if (!row) return [kind, { kind, ...DEFAULT_SURVEY_SETTINGS, hasSource, version: 0, updatedAt: null }];
      const { updatedBy: _by, updatedAt, ...values } = row;
      return [kind, { ...values, hasSource, updatedAt: updatedAt.toISOString() }];
    }),
  );
}

export async function listSettings(ctx: Ctx): Promise<TSurveySettings[]> {
  return [...(await surveySettingsOf(ctx.db)).values()];
}

export async function updateSettings(ctx: Ctx, kind: TSurveyKind, input: TUpdateSurveySettingsRequest) {
  const before = (await surveySettingsOf(ctx.db)).get(kind)!;
  await ctx.db.transaction(async (tx) => {
    const { version, ...values } = input;
    const row = await repo.upsertSettings(
      tx,
      kind,
      version,
      { ...values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Survey settings');
    await writeAudit(tx, ctx, {
      action: 'surveys.settings',
      entityType: 'survey_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return (await surveySettingsOf(ctx.db)).get(kind)!;
}
