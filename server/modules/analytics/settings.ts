// The measures' settings (docs/analytics.md, docs/configuration.md): one row, seed defaults until a
// manager changes them (version-checked, audited).
import { eq, sql } from 'drizzle-orm';
import type { TAnalyticsSettings } from '../../../common/measures-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion } from '../../platform/errors.ts';
import { DEFAULT_MEASURE_SETTINGS } from './measures.ts';
import { MEASURES_SOURCE } from './measures-rollup.ts';
import { forgetWatermark } from './repository.ts';
import { analyticsSettings } from './schema.ts';

export async function measureSettingsOf(db: Executor): Promise<TAnalyticsSettings> {
  const [row] = await db.select().from(analyticsSettings).where(eq(analyticsSettings.id, 1));
  return row
    ? {
        firstFixReopenDays: row.firstFixReopenDays,
        repeatRepairThreshold: row.repeatRepairThreshold,
        version: row.version,
      }
    : { ...DEFAULT_MEASURE_SETTINGS, version: 0 };
}

export async function saveMeasureSettings(
  ctx: Ctx,
  input: { version: number; firstFixReopenDays: number; repeatRepairThreshold: number },
): Promise<TAnalyticsSettings> {
  return ctx.db.transaction(async (tx) => {
    await tx
      .insert(analyticsSettings)
      .values({ id: 1, version: 0, ...DEFAULT_MEASURE_SETTINGS })
      .onConflictDoNothing();
    const before = await measureSettingsOf(tx);
    const [row] = await tx
      .update(analyticsSettings)
      .set({
        firstFixReopenDays: input.firstFixReopenDays,
        repeatRepairThreshold: input.repeatRepairThreshold,
        version: sql`${analyticsSettings.version} + 1`,
        updatedBy: ctx.principal.userId,
        updatedAt: ctx.clock.now(),
      })
      .where(sql`${analyticsSettings.id} = 1 and ${analyticsSettings.version} = ${input.version}`)
      .returning();
    if (!row) throw staleVersion('Analytics settings');
    const after = {
      firstFixReopenDays: row.firstFixReopenDays,
      repeatRepairThreshold: row.repeatRepairThreshold,
      version: row.version,
    };
    // The first-time-fix rows were computed with the old window: the next rollup run recomputes them all.
    if (after.firstFixReopenDays !== before.firstFixReopenDays) await forgetWatermark(tx, MEASURES_SOURCE);
    await writeAudit(tx, ctx, {
      action: 'analytics.settings',
      entityType: 'analytics_settings',
      entityId: '1',
      before,
      after,
    });
    return after;
  });
}
