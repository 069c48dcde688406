// Every SQL statement of the labels module.
import { and, count, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { assetLabels, labelOtps, labelReports, labelSettings } from './schema.ts';

export type LabelRow = typeof assetLabels.$inferSelect;

export async function findSettings(db: Executor) {
  const [row] = await db.select().from(labelSettings).where(eq(labelSettings.id, 1));
  return row;
}

/** Saves the settings when `version` is the stored one (0: none stored yet); false when stale. */
export async function saveSettings(
  db: Executor,
  version: number,
  values: Omit<typeof labelSettings.$inferInsert, 'id' | 'version'>,
): Promise<boolean> {
  if (version === 0) {
    const rows = await db
      .insert(labelSettings)
      .values({ ...values, id: 1, version: 1 })
      .onConflictDoNothing()
      .returning({ id: labelSettings.id });
    return rows.length === 1;
  }
  const rows = await db
    .update(labelSettings)
    .set({ ...values, version: sql`${labelSettings.version} + 1` })
    .where(and(eq(labelSettings.id, 1), eq(labelSettings.version, version)))
    .returning({ id: labelSettings.id });
  return rows.length === 1;
}

export async function currentLabels(db: Executor, assetIds: string[]): Promise<LabelRow[]> {
  if (!assetIds.length) return [];
  return db
    .select()
    .from(assetLabels)
    .where(and(inArray(assetLabels.assetId, assetIds), isNull(assetLabels.revokedAt)));
}

export async function insertLabels(db: Executor, rows: (typeof assetLabels.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(assetLabels).values(rows).onConflictDoNothing().returning();
}

export async function revokeLabel(db: Executor, assetId: string, at: Date) {
  return db
    .update(assetLabels)
    .set({ revokedAt: at })
    .where(and(eq(assetLabels.assetId, assetId), isNull(assetLabels.revokedAt)))
    .returning();
}

export async function labelByCode(db: Executor, code: string): Promise<LabelRow | undefined> {
  const [row] = await db.select().from(assetLabels).where(eq(assetLabels.code, code));
  return row;
}

export async function otpCountSince(db: Executor, by: 'phone' | 'ip', value: string, since: Date) {
  const column = by === 'phone' ? labelOtps.phone : labelOtps.ip;
  const [row] = await db
    .select({ n: count() })
    .from(labelOtps)
    .where(and(eq(column, value), gte(labelOtps.createdAt, since)));
  return row?.n ?? 0;
}

export async function insertOtp(db: Executor, values: typeof labelOtps.$inferInsert) {
  const [row] = await db.insert(labelOtps).values(values).returning();
  return row!;
}

/** The newest code sent to the phone for the asset, locked for the check. */
export async function latestOtp(db: Executor, assetId: string, phone: string) {
  const [row] = await db
    .select()
    .from(labelOtps)
    .where(and(eq(labelOtps.assetId, assetId), eq(labelOtps.phone, phone)))
    .orderBy(sql`${labelOtps.createdAt} desc`)
    .limit(1)
    .for('update');
  return row;
}

export async function findOtp(db: Executor, id: string) {
  const [row] = await db.select().from(labelOtps).where(eq(labelOtps.id, id));
  return row;
}

export async function countOtpAttempt(db: Executor, id: string) {
  await db
    .update(labelOtps)
    .set({ attempts: sql`${labelOtps.attempts} + 1` })
    .where(eq(labelOtps.id, id));
}

export async function markOtpUsed(db: Executor, id: string, at: Date) {
  const rows = await db
    .update(labelOtps)
    .set({ usedAt: at })
    .where(and(eq(labelOtps.id, id), isNull(labelOtps.usedAt)))
    .returning({ id: labelOtps.id });
  return rows.length === 1;
}

export async function reportCountSince(db: Executor, assetId: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(labelReports)
    .where(and(eq(labelReports.assetId, assetId), gte(labelReports.createdAt, since)));
  return row?.n ?? 0;
}

export async function insertReport(db: Executor, values: typeof labelReports.$inferInsert) {
  const [row] = await db.insert(labelReports).values(values).returning();
  return row!;
}

export async function findReport(db: Executor, id: string) {
  const [row] = await db.select().from(labelReports).where(eq(labelReports.id, id));
  return row;
}
