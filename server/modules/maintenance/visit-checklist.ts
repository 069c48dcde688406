// The maintenance visit on the engineer's phone: the checklist of every asset with its answers, given
// offline with the phone's time and replayed on reconnect (the later answer by the phone's clock wins,
// a replay changes nothing), hidden dangers (a failed check, a measurement out of range) that need a
// note and a photo and become rectification suggestions (整改建议) — and, with one tap, a fault ticket.
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TChecklistItem } from '../../../common/maintenance-api.ts';
import type {
  TSaveAnswersRequest,
  TSuggestion,
  TUpdateSuggestionRequest,
  TVisitChecklist,
} from '../../../common/maintenance-visit-api.ts';
import { answerProblem, isDanger } from '../../../common/maintenance-visit-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { type WorkOrderState, workOrderStates } from '../field/index.ts';
import { maintenanceAssetFacts } from '../registry/index.ts';
import { createTicket, ticketRefs } from '../tickets/index.ts';
import { recordView } from './record-view.ts';
import * as repo from './repository.ts';
import { maintenanceSuggestions } from './schema.ts';
import * as vrepo from './visit-repository.ts';

/** Days the customer is given, by default, to act on a rectification suggestion (the engineer changes it). */
export const SUGGESTION_DUE_DAYS = 30;

export interface VisitAccess {
  visit: vrepo.VisitRow;
  workOrder: WorkOrderState;
}

/**
 * The visit as the caller may see it: a customer its own (scope); staff who see all work orders, or
 * the engineer it is assigned to (another's is not found). `write`: only the assigned engineer or a
 * dispatcher changes it.
 */
export async function visitAccess(
  ctx: Ctx,
  visit: vrepo.VisitRow | undefined,
  write: boolean,
): Promise<VisitAccess> {
  if (!visit) throw notFound('Maintenance visit');
  const workOrder = (await workOrderStates(ctx.db, [visit.workOrderId])).get(visit.workOrderId);
  if (!workOrder) throw notFound('Maintenance visit');
  if (ctx.scope.kind !== 'customer') {
    const has = (p: string) => ctx.principal.permissions.has(p as never);
    const mine = workOrder.engineerId !== null && workOrder.engineerId === ctx.principal.userId;
    if (!mine && !has('workorders.read_all')) throw notFound('Maintenance visit');
    if (write && !mine && !has('workorders.dispatch'))
      throw forbidden('Only the assigned engineer changes the maintenance visit');
  }
  return { visit, workOrder };
}

export const assetLabelOf = (f: { serial: string; name: string | null } | undefined) =>
  f ? (f.name ? `${f.serial} ${f.name}` : f.serial) : '';

/** Each item of the visit with its asset's label and its template's checklist. */
export async function visitItems(db: Executor, visitId: string) {
  const items = await vrepo.itemsOfVisit(db, visitId);
  const [templates, facts] = await Promise.all([
    repo.findTemplates(
      db,
      items.map((i) => i.templateId),
    ),
    maintenanceAssetFacts(
      db,
      items.map((i) => i.assetId),
    ),
  ]);
  const byId = new Map(templates.map((t) => [t.id, t]));
  return items.map((i) => ({
    ...i,
    assetLabel: assetLabelOf(facts.get(i.assetId)),
    templateName: byId.get(i.templateId)?.name ?? '',
    checklist: (byId.get(i.templateId)?.checklist ?? []) as TChecklistItem[],
  }));
}
export type VisitItem = Awaited<ReturnType<typeof visitItems>>[number];

export async function suggestionViews(
  db: Executor,
  rows: vrepo.SuggestionRow[],
  items?: VisitItem[],
): Promise<TSuggestion[]> {
  const [tickets, facts] = await Promise.all([
    ticketRefs(
      db,
      rows.map((r) => r.ticketId).filter((x): x is string => x !== null),
    ),
    maintenanceAssetFacts(
      db,
      rows.map((r) => r.assetId),
    ),
  ]);
  const labelOf = async (r: vrepo.SuggestionRow) => {
    const item =
      items?.find((i) => i.id === r.visitItemId) ??
      (await visitItems(db, r.visitId)).find((i) => i.id === r.visitItemId);
    return item?.checklist.find((c) => c.key === r.itemKey)?.label ?? r.itemKey;
  };
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      visitId: r.visitId,
      visitItemId: r.visitItemId,
      assetId: r.assetId,
      assetLabel: assetLabelOf(facts.get(r.assetId)),
      itemKey: r.itemKey,
      itemLabel: await labelOf(r),
      text: r.text,
      dueOn: r.dueOn,
      responsible: r.responsible,
      ticketId: r.ticketId,
      ticketNumber: r.ticketId ? (tickets.get(r.ticketId)?.number ?? null) : null,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    })),
  );
}

async function checklistView(ctx: Ctx, access: VisitAccess): Promise<TVisitChecklist> {
  const { visit } = access;
  const [items, answers, suggestions, record] = await Promise.all([
    visitItems(ctx.db, visit.id),
    vrepo.answersOf(ctx.db, visit.id),
    vrepo.suggestionsOf(ctx.db, ctx.scope, { visitId: visit.id }),
    vrepo.findRecord(ctx.db, ctx.scope, visit.id),
  ]);
  const answerOf = new Map(answers.map((a) => [`${a.visitItemId}:${a.key}`, a]));
  return {
    visitId: visit.id,
    workOrderId: visit.workOrderId,
    customerId: visit.customerId,
    dueOn: visit.dueOn,
    items: items.map((i) => ({
      id: i.id,
      assetId: i.assetId,
      assetLabel: i.assetLabel,
      templateName: i.templateName,
      checklist: i.checklist.map((c) => {
        const a = answerOf.get(`${i.id}:${c.key}`);
        return {
          ...c,
          answer: a
            ? {
                result: a.result,
                value: a.value,
                text: a.text,
                note: a.note,
                photoIds: a.photoIds,
                danger: a.danger,
                answeredAt: a.answeredAt.toISOString(),
              }
            : null,
        };
      }),
    })),
    suggestions: await suggestionViews(ctx.db, suggestions, items),
    record: record ? (await recordView(ctx.db, [{ record, visit }]))[0]! : null,
  };
}

export async function checklistOfWorkOrder(ctx: Ctx, workOrderId: string) {
  const visit = await vrepo.findVisitOfWorkOrder(ctx.db, ctx.scope, workOrderId);
  return checklistView(ctx, await visitAccess(ctx, visit, false));
}

export async function checklistOfVisit(ctx: Ctx, visitId: string) {
  const visit = await vrepo.findVisit(ctx.db, ctx.scope, visitId);
  return checklistView(ctx, await visitAccess(ctx, visit, false));
}

/** Answers are open until the customer has signed (and again when the reviewer returns the record). */
export async function assertOpen(ctx: Ctx, access: VisitAccess, db: Executor = ctx.db) {
  if (access.workOrder.status === 'cancelled') throw conflict('The maintenance visit is cancelled');
  const record = await vrepo.findRecord(db, { kind: 'all' }, access.visit.id);
  if (record && record.status !== 'returned')
    throw conflict('The maintenance record is signed; the checklist can no longer change');
}

/**
 * Saves answers from the phone, all or none: each must be for an item of this visit and an entry of its
 * checklist, hold what its kind needs, and a hidden danger must carry a note and a photo.
 */
export async function saveAnswers(ctx: Ctx, visitId: string, input: TSaveAnswersRequest) {
  const access = await visitAccess(ctx, await vrepo.findVisit(ctx.db, ctx.scope, visitId), true);
  const { visit } = access;
  const items = new Map((await visitItems(ctx.db, visitId)).map((i) => [i.id, i]));
  const now = ctx.clock.now();
  const checked = input.answers.map((a, n) => {
    const item = items.get(a.visitItemId);
    if (!item) throw invalidField(`answers.${n}.visitItemId`, 'not an item of this maintenance visit');
    const entry = item.checklist.find((c) => c.key === a.key);
    if (!entry) throw invalidField(`answers.${n}.key`, `not on the checklist of ${item.templateName}`);
    const problem = answerProblem(entry, a);
    if (problem)
      throw invalidField(`answers.${n}.${problem.field}`, `${item.assetLabel}: ${problem.message}`);
    const at = new Date(a.answeredAt);
    if (at.getTime() > now.getTime() + 5 * 60_000)
      throw invalidField(`answers.${n}.answeredAt`, 'cannot be in the future');
    return { a, item, entry, at, danger: isDanger(entry, a) };
  });
  await assertReferences(ctx, visit.customerId, [
    { field: 'answers.photoIds', kind: 'file', ids: input.answers.flatMap((a) => a.photoIds) },
  ]);
  await ctx.db.transaction(async (tx) => {
    await vrepo.lockVisit(tx, visitId);
    await assertOpen(ctx, access, tx);
    const written = [];
    for (const { a, item, at, danger } of checked) {
      const row = await vrepo.upsertAnswer(tx, {
        visitId,
        visitItemId: item.id,
        customerId: visit.customerId,
        key: a.key,
        result: a.result,
        value: a.value,
        text: a.text,
        note: a.note,
        photoIds: a.photoIds,
        danger,
        answeredAt: at,
        recordedAt: now,
        actorId: ctx.principal.userId,
        clientEventId: a.clientEventId,
      });
      if (!row) continue; // a replay, or older than what the phone sent later
      written.push({ visitItemId: item.id, key: a.key, danger, clientEventId: a.clientEventId });
      if (danger)
        await vrepo.insertSuggestionIfAbsent(tx, {
          visitId,
          visitItemId: item.id,
          customerId: visit.customerId,
          assetId: item.assetId,
          itemKey: a.key,
          text: a.note ?? '',
          dueOn: addDays(toLocalDate(at, ctx.timeZone), SUGGESTION_DUE_DAYS),
          responsible: 'customer',
          createdBy: ctx.principal.userId,
        });
      else await vrepo.deleteUnticketedSuggestion(tx, item.id, a.key);
    }
    if (written.length)
      await writeAudit(tx, ctx, {
        action: 'maintenance-visit.answers',
        entityType: 'maintenance_visit',
        entityId: visitId,
        after: { answers: written },
      });
  });
  return checklistView(ctx, access);
}

// ---------- rectification suggestions ----------
export async function listSuggestions(ctx: Ctx, filter: { visitId?: string; customerId?: string }) {
  if (filter.visitId) await visitAccess(ctx, await vrepo.findVisit(ctx.db, ctx.scope, filter.visitId), false);
  else if (ctx.scope.kind !== 'customer' && !ctx.principal.permissions.has('workorders.read_all'))
    throw invalidField('visitId', 'name the visit');
  return suggestionViews(ctx.db, await vrepo.suggestionsOf(ctx.db, ctx.scope, filter));
}

async function suggestionFor(ctx: Ctx, id: string) {
  const s = await vrepo.findSuggestion(ctx.db, ctx.scope, id);
  if (!s) throw notFound('Rectification suggestion');
  await visitAccess(ctx, await vrepo.findVisit(ctx.db, ctx.scope, s.visitId), true);
  return s;
}

export async function updateSuggestion(ctx: Ctx, id: string, input: TUpdateSuggestionRequest) {
  const before = await suggestionFor(ctx, id);
  const { version, ...changes } = input;
  const after = await ctx.db.transaction(async (tx) => {
    const row = await updateVersioned(
      tx,
      maintenanceSuggestions,
      'Rectification suggestion',
      id,
      version,
      definedOnly(changes),
    );
    await writeAudit(tx, ctx, {
      action: 'maintenance-suggestion.update',
      entityType: 'maintenance_suggestion',
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
  return (await suggestionViews(ctx.db, [after]))[0]!;
}

/**
 * The repair is needed now: a fault ticket (报修) on the asset, opened by the engineer from the
 * suggestion and linked back to it. A second tap returns the same ticket.
 */
export async function ticketFromSuggestion(ctx: Ctx, id: string) {
  const first = await suggestionFor(ctx, id);
  if (first.ticketId) return (await suggestionViews(ctx.db, [first]))[0]!;
  const items = await visitItems(ctx.db, first.visitId);
  const item = items.find((i) => i.id === first.visitItemId);
  const label = item?.checklist.find((c) => c.key === first.itemKey)?.label ?? first.itemKey;
  const visit = (await vrepo.findVisit(ctx.db, { kind: 'all' }, first.visitId))!;
  const number = (await workOrderStates(ctx.db, [visit.workOrderId])).get(visit.workOrderId)?.number ?? '';
  await ctx.db.transaction(async (tx) => {
    const s = await vrepo.findSuggestion(tx, ctx.scope, id, true);
    if (!s || s.ticketId) return;
    if (s.version !== first.version) throw staleVersion('Rectification suggestion');
    const ticket = await createTicket(ctxInTransaction(ctx, tx), {
      kind: 'fault_report',
      customerId: s.customerId,
      projectId: visit.projectId,
      assetIds: [s.assetId],
      priority: 'normal',
      emergency: false,
      complexity: 'general',
      faultCategory: null,
      subject: `${item?.assetLabel ?? ''} ${label}：保养发现隐患`.trim().slice(0, 200),
      description: `${number} 保养发现隐患（${label}）：${s.text}`,
      attachmentIds: [],
    });
    await vrepo.setSuggestionTicket(tx, id, ticket.id, ctx.clock.now());
    await writeAudit(tx, ctx, {
      action: 'maintenance-suggestion.ticket',
      entityType: 'maintenance_suggestion',
      entityId: id,
      after: { ticketId: ticket.id, number: ticket.number },
    });
  });
  const after = await vrepo.findSuggestion(ctx.db, ctx.scope, id);
  return (await suggestionViews(ctx.db, [after!]))[0]!;
}
