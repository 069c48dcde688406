// Quality (质量, issue 19): the detector's settings and the product quality case (产品质量处理单) as
// the seed's loop (篇3 二): a quality engineer opens a case from a ticket, a repair, a return, a
// complaint, a feedback form or an alert; records the cause analysis and the decision — a technical
// problem goes to product development as an improvement request, a service problem to staff training
// (knowledge, etiquette, process) as a training need —, the actions with their owners and due dates,
// and follows them through until the case is closed with its cause and action. Each step is one
// transaction with its audit entry and timeline event; a stale version is a 409.
import {
  type CASE_EVENT_KINDS,
  DEFAULT_QUALITY_SETTINGS,
  type TCaseAction,
  type TCaseListQuery,
  type TCaseSourceKind,
  type TCloseCaseRequest,
  type TCreateCaseRequest,
  type TQualityCase,
  type TQualityCaseDetail,
  type TQualitySettings,
  type TUpdateCaseRequest,
  type TUpdateQualitySettingsRequest,
} from '../../../common/quality-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { findActiveStaffMembers } from '../accounts/index.ts';
import { complaintOwners } from '../complaints/index.ts';
import { workOrderOwners } from '../field/index.ts';
import { assetFacts } from '../registry/index.ts';
import { returnOwners } from '../returns/index.ts';
import { ticketOwners } from '../tickets/index.ts';
import * as repo from './repository.ts';
import { qualityCases } from './schema.ts';

// ---------- settings ----------
export async function settingsOf(db: Executor): Promise<TQualitySettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_QUALITY_SETTINGS, version: 0, updatedAt: null };
  return {
    level: row.level,
    minCount: row.minCount,
    consecutivePeriods: row.consecutivePeriods,
    historyMonths: row.historyMonths,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const getSettings = (ctx: Ctx) => settingsOf(ctx.db);

export async function updateSettings(ctx: Ctx, input: TUpdateQualitySettingsRequest) {
  const before = await settingsOf(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const { version, ...values } = input;
    const row = await repo.upsertSettings(
      tx,
      version,
      { ...values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Quality settings');
    await writeAudit(tx, ctx, {
      action: 'quality.settings',
      entityType: 'quality_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return settingsOf(ctx.db);
}

// ---------- views ----------
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function toCase(db: Executor, row: repo.CaseRow): Promise<TQualityCase> {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    sourceKind: row.sourceKind,
    sourceId: row.sourceId,
    sourceNumber: row.sourceNumber,
    productModel: row.productModel,
    assets: row.assets,
    batches: row.batches,
    description: row.description,
    causeAnalysis: row.causeAnalysis,
    decision: row.decision,
    improvementNumber: row.decision === 'technical' ? await repo.improvementNumberOf(db, row.id) : null,
    trainingNumber: row.decision === 'service' ? await repo.trainingNumberOf(db, row.id) : null,
    trainingTopic: row.trainingTopic,
    actions: row.actions,
    closingCause: row.closingCause,
    closingAction: row.closingAction,
    closedAt: iso(row.closedAt),
    reopenCount: row.reopenCount,
    alertId: row.alertId,
    createdByName: row.createdByName,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getCase(ctx: Ctx, id: string): Promise<TQualityCaseDetail> {
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw notFound('Quality case');
  const events = await repo.eventsOf(ctx.db, id);
  return {
    ...(await toCase(ctx.db, row)),
    events: events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      actorName: e.actorName,
      note: e.note,
    })),
  };
}

export async function listCases(ctx: Ctx, query: TCaseListQuery) {
  const rows = await repo.listCases(ctx.db, query.status, decodeCursor(query.cursor), query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  const items = [];
  for (const r of page.items) items.push(await toCase(ctx.db, r));
  return { items, nextCursor: page.nextCursor };
}

// ---------- opening a case ----------
interface CaseSource {
  number: string;
  customerId: string | null;
  productModel: string | null;
}

/** The record a case comes from, asked of the module that owns it; a missing one is a 422 on sourceId. */
async function sourceOf(db: Executor, kind: TCaseSourceKind, id: string): Promise<CaseSource> {
  const found = await (async (): Promise<CaseSource | undefined> => {
    switch (kind) {
      case 'ticket': {
        const t = (await ticketOwners(db, [id])).get(id);
        return t && { number: t.number, customerId: t.customerId, productModel: null };
      }
      case 'work_order': {
        const w = (await workOrderOwners(db, [id])).get(id);
        return w && { number: w.number, customerId: w.customerId, productModel: null };
      }
      case 'return': {
        const r = (await returnOwners(db, [id])).get(id);
        return r && { number: r.number, customerId: r.customerId, productModel: r.productModel };
      }
      case 'complaint': {
        const c = (await complaintOwners(db, [id])).get(id);
        return c && { number: c.number, customerId: c.customerId, productModel: null };
      }
      case 'alert': {
        const a = await repo.findAlert(db, id);
        return (
          a && {
            number: a.number,
            customerId: a.groupKind === 'customer_fault' ? a.groupId : null,
            productModel: a.groupKind === 'model_fault' ? a.groupName : null,
          }
        );
      }
      case 'feedback': {
        const f = await repo.findFeedback(db, id);
        return f && { number: f.workOrderNumber, customerId: f.customerId, productModel: null };
      }
    }
  })();
  if (!found) throw invalidField('sourceId', `no such ${kind.replace('_', ' ')}`);
  return found;
}

async function logEvent(
  tx: Executor,
  ctx: Ctx,
  caseId: string,
  kind: (typeof CASE_EVENT_KINDS)[number],
  note: string | null = null,
) {
  await repo.addCaseEvent(tx, {
    caseId,
    kind,
    note,
    actorId: ctx.principal.userId,
    actorName: ctx.principal.displayName,
    at: ctx.clock.now(),
  });
}

export async function createCase(ctx: Ctx, input: TCreateCaseRequest): Promise<TQualityCaseDetail> {
  const source = await sourceOf(ctx.db, input.sourceKind, input.sourceId);
  await assertReferences(ctx, source.customerId, [{ field: 'assetIds', kind: 'asset', ids: input.assetIds }]);
  const facts = await assetFacts(ctx.db, input.assetIds);
  const id = await ctx.db.transaction(async (tx) => {
    if (input.sourceKind === 'alert') {
      const alert = await repo.findAlert(tx, input.sourceId);
      if (alert?.caseId)
        throw conflict(`The alert already has a quality case`, [
          { field: 'sourceId', message: 'the alert already has a quality case' },
        ]);
    }
    const now = ctx.clock.now();
    const row = await repo.insertCase(tx, {
      number: await nextDocumentNumber(tx, 'ZL', now, ctx.timeZone),
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      sourceNumber: source.number,
      customerId: source.customerId,
      productModel:
        input.productModel ?? source.productModel ?? facts.values().next().value?.productModel ?? null,
      assets: input.assetIds.map((a) => ({ id: a, serial: facts.get(a)?.serial ?? '' })),
      batches: input.batches,
      description: input.description,
      alertId: input.sourceKind === 'alert' ? input.sourceId : null,
      createdBy: ctx.principal.userId,
      createdByName: ctx.principal.displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (input.sourceKind === 'alert')
      await repo.updateAlert(tx, input.sourceId, { status: 'case_opened', caseId: row.id });
    if (input.sourceKind === 'feedback') await repo.linkFeedbackCase(tx, input.sourceId, row.id);
    await logEvent(tx, ctx, row.id, 'opened', source.number);
    await writeAudit(tx, ctx, {
      action: 'quality_case.create',
      entityType: 'quality_case',
      entityId: row.id,
      before: null,
      after: row,
    });
    return row.id;
  });
  return getCase(ctx, id);
}

// ---------- analysis, decision, actions ----------
export async function updateCase(
  ctx: Ctx,
  id: string,
  input: TUpdateCaseRequest,
): Promise<TQualityCaseDetail> {
  const before = await repo.findCase(ctx.db, id);
  if (!before) throw notFound('Quality case');
  if (before.status === 'closed') throw conflict('The quality case is closed');
  const decision = input.decision === undefined ? before.decision : input.decision;
  if (decision === 'service' && !(input.trainingTopic ?? before.trainingTopic))
    throw invalidField('trainingTopic', 'name the training topic of a service problem');
  let actions: TCaseAction[] | undefined;
  if (input.actions) {
    const owners = new Map(
      (await findActiveStaffMembers(ctx.db, [...new Set(input.actions.map((a) => a.ownerId))])).map((s) => [
        s.id,
        s,
      ]),
    );
    actions = input.actions.map((a, i) => {
      const owner = owners.get(a.ownerId);
      if (!owner) throw invalidField(`actions.${i}.ownerId`, 'no such active staff member');
      const was = before.actions.find((b) => b.description === a.description && b.ownerId === a.ownerId);
      return {
        description: a.description,
        ownerId: a.ownerId,
        ownerName: owner.displayName,
        dueOn: a.dueOn,
        doneAt: a.done ? (was?.doneAt ?? ctx.clock.now().toISOString()) : null,
      };
    });
  }
  await ctx.db.transaction(async (tx) => {
    const row = await updateVersioned(tx, qualityCases, 'Quality case', id, input.version, {
      ...(input.productModel !== undefined ? { productModel: input.productModel } : {}),
      ...(input.batches ? { batches: input.batches } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.causeAnalysis !== undefined ? { causeAnalysis: input.causeAnalysis } : {}),
      ...(input.decision !== undefined ? { decision: input.decision } : {}),
      ...(decision === 'service'
        ? { trainingTopic: input.trainingTopic ?? before.trainingTopic }
        : { trainingTopic: null }),
      ...(actions ? { actions } : {}),
    });
    const now = ctx.clock.now();
    if (decision && decision !== before.decision) {
      const problem = row.causeAnalysis ?? row.description;
      if (decision === 'technical')
        await repo.insertImprovement(tx, {
          number: await nextDocumentNumber(tx, 'GJ', now, ctx.timeZone),
          caseId: id,
          productModel: row.productModel,
          problem,
        });
      else
        await repo.insertTrainingNeed(tx, {
          number: await nextDocumentNumber(tx, 'PX', now, ctx.timeZone),
          caseId: id,
          topic: row.trainingTopic!,
          problem,
        });
      await logEvent(tx, ctx, id, 'decided', decision);
    }
    const newlyDone = (actions ?? []).filter(
      (a) => a.doneAt && !before.actions.some((b) => b.description === a.description && b.doneAt),
    );
    for (const a of newlyDone) await logEvent(tx, ctx, id, 'action_done', a.description);
    if (!(decision && decision !== before.decision) && !newlyDone.length)
      await logEvent(tx, ctx, id, 'updated');
    await writeAudit(tx, ctx, {
      action: 'quality_case.update',
      entityType: 'quality_case',
      entityId: id,
      before,
      after: row,
    });
  });
  return getCase(ctx, id);
}

// ---------- closing ----------
export async function closeCase(ctx: Ctx, id: string, input: TCloseCaseRequest): Promise<TQualityCaseDetail> {
  const before = await repo.findCase(ctx.db, id);
  if (!before) throw notFound('Quality case');
  if (before.status === 'closed') throw conflict('The quality case is already closed');
  if (!before.decision)
    throw invalidField(
      'decision',
      'decide whether the problem is technical or a service problem before closing',
    );
  const open = before.actions.findIndex((a) => !a.doneAt);
  if (open >= 0) throw invalidField(`actions.${open}`, 'every action must be done before the case is closed');
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await updateVersioned(tx, qualityCases, 'Quality case', id, input.version, {
      status: 'closed',
      closingCause: input.closingCause,
      closingAction: input.closingAction,
      closedAt: now,
      closedBy: ctx.principal.userId,
    });
    await repo.closeAlertsOfCase(tx, id);
    await logEvent(tx, ctx, id, 'closed', input.closingCause);
    await writeAudit(tx, ctx, {
      action: 'quality_case.close',
      entityType: 'quality_case',
      entityId: id,
      before,
      after: row,
    });
  });
  return getCase(ctx, id);
}

/** The same problem after closure (the detector): the case opens again with the new alert, audited. */
export async function reopenCase(
  tx: Executor,
  ctx: Ctx,
  caseId: string,
  alertId: string,
  alertNumber: string,
) {
  const before = await repo.findCase(tx, caseId);
  if (!before) return;
  const row = await repo.reopenCase(tx, caseId, alertId);
  await logEvent(tx, ctx, caseId, 'reopened', alertNumber);
  await writeAudit(tx, ctx, {
    action: 'quality_case.reopen',
    entityType: 'quality_case',
    entityId: caseId,
    before,
    after: row,
  });
}
