// Planned maintenance use cases: the settings (the seed's intervals), templates with their checklists,
// and plans per project. Each change runs in one transaction with its audit entry.
import {
  DEFAULT_MAINTENANCE_SETTINGS,
  type TCreatePlanRequest,
  type TCreateTemplateRequest,
  type TMaintenanceSettings,
  type TPlan,
  type TPlanSummary,
  type TTemplate,
  type TUpdateMaintenanceSettingsRequest,
  type TUpdatePlanRequest,
  type TUpdateTemplateRequest,
} from '../../../common/maintenance-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { customerFacts, getProject, maintenanceAssetFacts, projectFacts } from '../registry/index.ts';
import { businessCalendarById } from '../sla/index.ts';
import * as repo from './repository.ts';
import { intervalOf, rangesOverlap, templateApplies } from './rules.ts';
import { maintenancePlans, maintenanceTemplates } from './schema.ts';

// ---------- settings ----------
export async function settingsOf(db: Executor): Promise<TMaintenanceSettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_MAINTENANCE_SETTINGS, version: 0, updatedAt: null };
  const { id: _id, updatedBy: _by, updatedAt, ...values } = row;
  return { ...values, updatedAt: updatedAt.toISOString() };
}

export async function getSettings(ctx: Ctx) {
  return settingsOf(ctx.db);
}

export async function updateSettings(ctx: Ctx, input: TUpdateMaintenanceSettingsRequest) {
  if (input.calendarId && !(await businessCalendarById(ctx.db, input.calendarId)))
    throw invalidField('calendarId', 'no such calendar');
  const before = await settingsOf(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const { version, ...values } = input;
    const row = await repo.upsertSettings(
      tx,
      version,
      { ...values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Maintenance settings');
    await writeAudit(tx, ctx, {
      action: 'maintenance.settings',
      entityType: 'maintenance_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return settingsOf(ctx.db);
}

// ---------- templates ----------
function toTemplate(row: repo.TemplateRow, settings: TMaintenanceSettings): TTemplate {
  return {
    id: row.id,
    name: row.name,
    cycle: row.cycle,
    category: row.category,
    sizeClass: row.sizeClass,
    intervalMonths: row.intervalMonths,
    effectiveIntervalMonths: intervalOf(row, settings),
    checklist: row.checklist,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function checkTemplate(t: { cycle: string; intervalMonths: number | null }) {
  if (t.cycle === 'custom' && t.intervalMonths === null)
    throw invalidField('intervalMonths', "a custom cycle needs its interval (the owner's own cycle)");
}

export async function listTemplates(ctx: Ctx, filter: { category?: string; active?: boolean }) {
  const settings = await settingsOf(ctx.db);
  return (await repo.listTemplates(ctx.db, filter)).map((r) => toTemplate(r, settings));
}

export async function getTemplate(ctx: Ctx, id: string) {
  const [row] = await repo.findTemplates(ctx.db, [id]);
  if (!row) throw notFound('Maintenance template');
  return toTemplate(row, await settingsOf(ctx.db));
}

export async function createTemplate(ctx: Ctx, input: TCreateTemplateRequest) {
  checkTemplate(input);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertTemplate(tx, { ...input, createdBy: ctx.principal.userId });
    await writeAudit(tx, ctx, {
      action: 'maintenance-template.create',
      entityType: 'maintenance_template',
      entityId: row.id,
      after: row,
    });
    return toTemplate(row, await settingsOf(tx));
  });
}

export async function updateTemplate(ctx: Ctx, id: string, input: TUpdateTemplateRequest) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await repo.findTemplates(tx, [id]);
    if (!before) throw notFound('Maintenance template');
    const { version, ...changes } = input;
    checkTemplate({ ...before, ...definedOnly(changes) });
    const after = await updateVersioned(
      tx,
      maintenanceTemplates,
      'Maintenance template',
      id,
      version,
      definedOnly(changes),
    );
    await writeAudit(tx, ctx, {
      action: 'maintenance-template.update',
      entityType: 'maintenance_template',
      entityId: id,
      before,
      after,
    });
    return toTemplate(after, await settingsOf(tx));
  });
}

// ---------- plans ----------
interface PlanShape {
  startsOn: string;
  endsOn: string | null;
  windowStart: string | null;
  windowEnd: string | null;
}

function checkPlanShape(p: PlanShape) {
  if (p.endsOn !== null && p.endsOn < p.startsOn)
    throw invalidField('endsOn', 'the plan ends before it starts');
  if ((p.windowStart === null) !== (p.windowEnd === null))
    throw invalidField(
      p.windowStart === null ? 'windowStart' : 'windowEnd',
      'give both ends of the time window',
    );
  if (p.windowStart !== null && p.windowEnd !== null && p.windowEnd <= p.windowStart)
    throw invalidField('windowEnd', 'the time window ends before it starts');
}

/** The asset × template pairs a plan schedules: every chosen template that applies to each asset. */
async function planPairs(
  ctx: Ctx,
  tx: Executor,
  plan: { customerId: string; projectId: string; assetIds: string[]; templateIds: string[] },
) {
  await assertReferences(
    ctx,
    plan.customerId,
    [{ field: 'assetIds', kind: 'asset', ids: plan.assetIds }],
    tx,
  );
  const facts = await maintenanceAssetFacts(tx, plan.assetIds);
  for (const id of plan.assetIds) {
    if (facts.get(id)?.projectId !== plan.projectId)
      throw invalidField('assetIds', `${facts.get(id)?.serial ?? id} is not equipment of this project`);
  }
  const templates = await repo.findTemplates(tx, plan.templateIds);
  const byId = new Map(templates.map((t) => [t.id, t]));
  for (const id of new Set(plan.templateIds)) {
    const t = byId.get(id);
    if (!t) throw invalidField('templateIds', 'no such maintenance template');
    if (!t.active) throw invalidField('templateIds', `${t.name} is not active`);
  }
  const pairs: { assetId: string; templateId: string }[] = [];
  for (const assetId of new Set(plan.assetIds)) {
    const asset = facts.get(assetId)!;
    const applying = templates.filter((t) => templateApplies(t, asset));
    if (!applying.length)
      throw invalidField(
        'templateIds',
        `no chosen template applies to ${asset.serial} (${asset.category}, ${asset.sizeClass})`,
      );
    for (const t of applying) pairs.push({ assetId, templateId: t.id });
  }
  return { pairs, facts, templates: byId };
}

/** 409 when another active plan schedules the same asset with the same template over a shared day. */
async function assertNoOverlap(
  tx: Executor,
  planId: string | null,
  range: { startsOn: string; endsOn: string | null },
  pairs: { assetId: string; templateId: string }[],
  serials: Map<string, { serial: string }>,
) {
  await repo.lockPlanItems(tx);
  const wanted = new Set(pairs.map((p) => `${p.assetId}:${p.templateId}`));
  const others = await repo.activeItemsFor(
    tx,
    [...new Set(pairs.map((p) => p.assetId))],
    [...new Set(pairs.map((p) => p.templateId))],
    planId,
  );
  const clash = others.find((o) => wanted.has(`${o.assetId}:${o.templateId}`) && rangesOverlap(o, range));
  if (clash) {
    const message = `${serials.get(clash.assetId)?.serial ?? clash.assetId} is already maintained with this template by the plan ${clash.planName} over the same dates`;
    throw conflict(message, [{ field: 'assetIds', message }]);
  }
}

async function toPlan(tx: Executor, row: repo.PlanRow): Promise<TPlan> {
  const items = await repo.planItems(tx, row.id);
  const [facts, templates, settings, customers, projects] = await Promise.all([
    maintenanceAssetFacts(
      tx,
      items.map((i) => i.assetId),
    ),
    repo.findTemplates(
      tx,
      items.map((i) => i.templateId),
    ),
    settingsOf(tx),
    customerFacts(tx, [row.customerId]),
    projectFacts(tx, [row.projectId]),
  ]);
  const templateById = new Map(templates.map((t) => [t.id, t]));
  const label = (id: string) => {
    const f = facts.get(id);
    return f ? (f.name ? `${f.serial} ${f.name}` : f.serial) : '';
  };
  return {
    ...summaryFields(row),
    customerName: customers.get(row.customerId)?.name ?? '',
    projectName: projects.get(row.projectId)?.name ?? '',
    assetIds: [...new Set(items.map((i) => i.assetId))],
    templateIds: [...new Set(items.map((i) => i.templateId))],
    items: items
      .map((i) => {
        const t = templateById.get(i.templateId)!;
        return {
          assetId: i.assetId,
          assetLabel: label(i.assetId),
          templateId: i.templateId,
          templateName: t.name,
          intervalMonths:
            row.intervalMonths ?? intervalOf(t, settings, facts.get(i.assetId)?.sizeClass ?? null) ?? 0,
        };
      })
      .sort(
        (a, b) => a.assetLabel.localeCompare(b.assetLabel) || a.templateName.localeCompare(b.templateName),
      ),
  };
}

function summaryFields(row: repo.PlanRow) {
  return {
    id: row.id,
    customerId: row.customerId,
    projectId: row.projectId,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    mode: row.mode,
    preferredWeekday: row.preferredWeekday,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    active: row.active,
    notes: row.notes,
    contractId: row.contractId,
    intervalMonths: row.intervalMonths,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listPlans(
  ctx: Ctx,
  filter: { projectId?: string; customerId?: string; active?: boolean },
): Promise<TPlanSummary[]> {
  const rows = await repo.listPlans(ctx.db, ctx.scope, filter);
  const [customers, projects] = await Promise.all([
    customerFacts(
      ctx.db,
      rows.map((r) => r.plan.customerId),
    ),
    projectFacts(
      ctx.db,
      rows.map((r) => r.plan.projectId),
    ),
  ]);
  return rows.map((r) => ({
    ...summaryFields(r.plan),
    customerName: customers.get(r.plan.customerId)?.name ?? '',
    projectName: projects.get(r.plan.projectId)?.name ?? '',
    assetCount: r.assetCount,
    templateCount: r.templateCount,
  }));
}

export async function getPlan(ctx: Ctx, id: string) {
  const row = await repo.findPlan(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Maintenance plan');
  return toPlan(ctx.db, row);
}

/** `from`: a plan made from a maintenance contract (its id, and the owner's own cycle when it says so). */
export async function createPlan(
  ctx: Ctx,
  input: TCreatePlanRequest,
  from: { contractId: string; intervalMonths: number | null } | null = null,
) {
  checkPlanShape(input);
  await assertReferences(ctx, null, [{ field: 'projectId', kind: 'project', ids: input.projectId }]);
  const project = await getProject(ctx, input.projectId);
  return ctx.db.transaction(async (tx) => {
    const { assetIds, templateIds, ...fields } = input;
    const { pairs, facts } = await planPairs(ctx, tx, {
      customerId: project.customerId,
      projectId: project.id,
      assetIds,
      templateIds,
    });
    if (input.active) await assertNoOverlap(tx, null, input, pairs, facts);
    const row = await repo.insertPlan(tx, {
      ...fields,
      customerId: project.customerId,
      contractId: from?.contractId ?? null,
      intervalMonths: from?.intervalMonths ?? null,
      createdBy: ctx.principal.userId,
    });
    await repo.replacePlanItems(tx, row.id, row.customerId, pairs);
    await writeAudit(tx, ctx, {
      action: 'maintenance-plan.create',
      entityType: 'maintenance_plan',
      entityId: row.id,
      after: { ...row, assetIds, templateIds },
    });
    return toPlan(tx, row);
  });
}

export async function updatePlan(ctx: Ctx, id: string, input: TUpdatePlanRequest) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findPlan(tx, ctx.scope, id);
    if (!before) throw notFound('Maintenance plan');
    const beforeItems = await repo.planItems(tx, id);
    const { version, assetIds, templateIds, ...changes } = input;
    const merged = { ...before, ...definedOnly(changes) };
    checkPlanShape(merged);
    const { pairs, facts } = await planPairs(ctx, tx, {
      customerId: before.customerId,
      projectId: before.projectId,
      assetIds: assetIds ?? [...new Set(beforeItems.map((i) => i.assetId))],
      templateIds: templateIds ?? [...new Set(beforeItems.map((i) => i.templateId))],
    });
    if (merged.active) await assertNoOverlap(tx, id, merged, pairs, facts);
    const after = await updateVersioned(
      tx,
      maintenancePlans,
      'Maintenance plan',
      id,
      version,
      definedOnly(changes),
      {
        column: maintenancePlans.customerId,
        scope: ctx.scope,
      },
    );
    await repo.replacePlanItems(tx, id, before.customerId, pairs);
    await writeAudit(tx, ctx, {
      action: 'maintenance-plan.update',
      entityType: 'maintenance_plan',
      entityId: id,
      before: {
        ...before,
        items: beforeItems.map((i) => ({ assetId: i.assetId, templateId: i.templateId })),
      },
      after: { ...after, items: pairs },
    });
    return toPlan(tx, after);
  });
}
