// Every SQL statement of the maintenance module: settings, templates, plans and their items.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/scope.ts';
import {
  maintenancePlanItems,
  maintenancePlans,
  maintenanceSettings,
  maintenanceTemplates,
  maintenanceVisitItems,
  maintenanceVisits,
} from './schema.ts';

export type SettingsRow = typeof maintenanceSettings.$inferSelect;
export type TemplateRow = typeof maintenanceTemplates.$inferSelect;
export type PlanRow = typeof maintenancePlans.$inferSelect;
export type PlanItemRow = typeof maintenancePlanItems.$inferSelect;

// ---------- settings ----------
export async function findSettings(db: Executor): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(maintenanceSettings).where(eq(maintenanceSettings.id, 1));
  return row;
}

/** Insert or update when the version matches; undefined on a stale version. */
export async function upsertSettings(
  db: Executor,
  version: number,
  values: Omit<typeof maintenanceSettings.$inferInsert, 'id' | 'version' | 'updatedAt'>,
  now: Date,
) {
  const [row] = await db
    .insert(maintenanceSettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: maintenanceSettings.id,
      set: { ...values, version: sql`${maintenanceSettings.version} + 1`, updatedAt: now },
      setWhere: sql`${maintenanceSettings.version} = ${version}`,
    })
    .returning();
  return row;
}

// ---------- templates ----------
export async function listTemplates(db: Executor, filter: { category?: string; active?: boolean }) {
  return db
    .select()
    .from(maintenanceTemplates)
    .where(
      and(
        filter.category
          ? sql`lower(${maintenanceTemplates.category}) = lower(${filter.category})`
          : undefined,
        filter.active === undefined ? undefined : eq(maintenanceTemplates.active, filter.active),
      ),
    )
    .orderBy(asc(maintenanceTemplates.name))
    .limit(500);
}

export async function findTemplates(db: Executor, ids: readonly string[]): Promise<TemplateRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(maintenanceTemplates)
    .where(inArray(maintenanceTemplates.id, [...new Set(ids)]));
}

export async function insertTemplate(db: Executor, values: typeof maintenanceTemplates.$inferInsert) {
  const [row] = await db.insert(maintenanceTemplates).values(values).returning();
  return row!;
}

// ---------- plans ----------
export async function listPlans(
  db: Executor,
  scope: Scope,
  filter: { projectId?: string; customerId?: string; active?: boolean },
) {
  return db
    .select({
      plan: maintenancePlans,
      // Qualified: drizzle names a column bare in a single-table query.
      assetCount: sql<number>`(select count(distinct i.asset_id)::int from maintenance_plan_items i where i.plan_id = maintenance_plans.id)`,
      templateCount: sql<number>`(select count(distinct i.template_id)::int from maintenance_plan_items i where i.plan_id = maintenance_plans.id)`,
    })
    .from(maintenancePlans)
    .where(
      and(
        scopeFilter(maintenancePlans.customerId, scope),
        filter.projectId ? eq(maintenancePlans.projectId, filter.projectId) : undefined,
        filter.customerId ? eq(maintenancePlans.customerId, filter.customerId) : undefined,
        filter.active === undefined ? undefined : eq(maintenancePlans.active, filter.active),
      ),
    )
    .orderBy(desc(maintenancePlans.createdAt))
    .limit(500);
}

export async function findPlan(db: Executor, scope: Scope, id: string): Promise<PlanRow | undefined> {
  const [row] = await db
    .select()
    .from(maintenancePlans)
    .where(and(eq(maintenancePlans.id, id), scopeFilter(maintenancePlans.customerId, scope)));
  return row;
}

export async function insertPlan(db: Executor, values: typeof maintenancePlans.$inferInsert) {
  const [row] = await db.insert(maintenancePlans).values(values).returning();
  return row!;
}

export async function planItems(db: Executor, planId: string): Promise<PlanItemRow[]> {
  return db.select().from(maintenancePlanItems).where(eq(maintenancePlanItems.planId, planId));
}

export async function replacePlanItems(
  db: Executor,
  planId: string,
  customerId: string,
  pairs: { assetId: string; templateId: string }[],
) {
  await db.delete(maintenancePlanItems).where(eq(maintenancePlanItems.planId, planId));
  for (let i = 0; i < pairs.length; i += 1000) {
    await db
      .insert(maintenancePlanItems)
      .values(pairs.slice(i, i + 1000).map((p) => ({ planId, customerId, ...p })));
  }
}

/** Serialises plan writes, so two plans for the same asset and template cannot both pass the overlap check. */
export async function lockPlanItems(db: Executor) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('maintenance.plan-items'))`);
}

/** Active plans (other than `exceptPlanId`) that schedule any of these assets with any of these templates. */
export async function activeItemsFor(
  db: Executor,
  assetIds: readonly string[],
  templateIds: readonly string[],
  exceptPlanId: string | null,
) {
  if (!assetIds.length || !templateIds.length) return [];
  return db
    .select({
      planId: maintenancePlans.id,
      planName: maintenancePlans.name,
      startsOn: maintenancePlans.startsOn,
      endsOn: maintenancePlans.endsOn,
      assetId: maintenancePlanItems.assetId,
      templateId: maintenancePlanItems.templateId,
    })
    .from(maintenancePlanItems)
    .innerJoin(maintenancePlans, eq(maintenancePlans.id, maintenancePlanItems.planId))
    .where(
      and(
        eq(maintenancePlans.active, true),
        inArray(maintenancePlanItems.assetId, [...assetIds]),
        inArray(maintenancePlanItems.templateId, [...templateIds]),
        exceptPlanId ? ne(maintenancePlans.id, exceptPlanId) : undefined,
      ),
    );
}

// ---------- generation ----------
export type VisitRow = typeof maintenanceVisits.$inferSelect;
export type VisitItemRow = typeof maintenanceVisitItems.$inferSelect;

/** A plan's generated visit items with their visit, latest due first. */
export async function planVisitItems(db: Executor, planId: string) {
  return db
    .select({
      item: maintenanceVisitItems,
      dueOn: maintenanceVisits.dueOn,
      workOrderId: maintenanceVisits.workOrderId,
    })
    .from(maintenanceVisitItems)
    .innerJoin(maintenanceVisits, eq(maintenanceVisits.id, maintenanceVisitItems.visitId))
    .where(eq(maintenanceVisitItems.planId, planId))
    .orderBy(desc(maintenanceVisits.dueOn))
    .limit(2000);
}
