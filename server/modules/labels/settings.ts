// The scan page's settings: the hotline printed on labels and the abuse limits. Stored once an
// administrator saves (one row), else these defaults.
import type { TLabelSettings, TUpdateLabelSettings } from '../../../common/labels-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion } from '../../platform/errors.ts';
import * as repo from './repository.ts';

export const LABEL_DEFAULTS = {
  hotline: '400-888-0000',
  // One-time codes: a person retrying a few times, a site's shared address a few people.
  otpPerPhonePerHour: 3,
  otpPerAddressPerHour: 10,
  // A faulty street lamp scanned by several passers-by joins one ticket; this caps the rest.
  reportsPerAssetPerHour: 5,
  photoMaxBytes: 10 * 1024 * 1024,
  videoMaxBytes: 50 * 1024 * 1024,
};

export async function labelSettingsOf(db: Executor): Promise<TLabelSettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...LABEL_DEFAULTS, version: 0, updatedAt: null };
  const { id: _id, updatedBy: _by, ...rest } = row;
  return { ...rest, updatedAt: row.updatedAt.toISOString() };
}

export async function updateLabelSettings(ctx: Ctx, input: TUpdateLabelSettings): Promise<TLabelSettings> {
  const { version, ...values } = input;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findSettings(tx);
    const now = ctx.clock.now();
    const ok = await repo.saveSettings(tx, version, {
      ...values,
      updatedBy: ctx.principal.userId,
      updatedAt: now,
    });
    if (!ok) throw staleVersion('Label settings');
    await writeAudit(tx, ctx, {
      action: 'labels.settings.update',
      entityType: 'label_settings',
      entityId: '1',
      before,
      after: values,
    });
  });
  return labelSettingsOf(ctx.db);
}
