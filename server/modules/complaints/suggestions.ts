// Improvement suggestions (改进建议, 篇1 四.2 / 六): collected from follow-ups, surveys, complaints and the
// portal; evaluated (feasible? at what cost?), decided (into the service improvement plan, or declined
// with the reason), the customer told by email, and the effect tracked.
import type { TCreateSuggestionRequest, TSuggestion } from '../../../common/complaints-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import type { FollowUpSuggestionPort } from '../followups/index.ts';
import { customerFacts } from '../registry/index.ts';
import { sendSuggestionDecision } from './mail.ts';
import * as repo from './repository.ts';
import { improvementSuggestions } from './schema.ts';
import * as srepo from './suggestions-repository.ts';

type Row = srepo.SuggestionRow;

async function toView(ctx: Ctx, rows: Row[]): Promise<TSuggestion[]> {
  const customers = await customerFacts(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  const internal = ctx.scope.kind !== 'customer';
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    customerId: r.customerId,
    customerName: customers.get(r.customerId)?.name ?? '',
    sourceKind: r.sourceKind,
    sourceId: r.sourceId,
    projectId: r.projectId,
    title: r.title,
    description: r.description,
    contactEmail: r.contactEmail,
    language: r.language,
    status: r.status,
    feasible: r.feasible,
    costEstimateFen: internal ? r.costEstimateFen : null,
    evaluationNote: internal ? r.evaluationNote : null,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    customerToldAt: r.customerToldAt?.toISOString() ?? null,
    effectNote: r.effectNote,
    effectOn: r.effectOn,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getSuggestion(ctx: Ctx, id: string): Promise<TSuggestion> {
  const row = await srepo.findSuggestion(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Suggestion');
  return (await toView(ctx, [row]))[0]!;
}

export async function listSuggestions(
  ctx: Ctx,
  q: { status?: Row['status']; customerId?: string; cursor?: string; limit: number },
) {
  const rows = await srepo.listSuggestions(ctx.db, ctx.scope, q, decodeCursor(q.cursor), q.limit);
  const page = pageFrom(rows, q.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return { items: await toView(ctx, page.items), nextCursor: page.nextCursor };
}

export async function createSuggestion(ctx: Ctx, input: TCreateSuggestionRequest): Promise<TSuggestion> {
  const customer = ctx.scope.kind === 'customer';
  const customerId = customer ? (ctx.scope as { customerId: string }).customerId : (input.customerId ?? null);
  if (!customerId) throw invalidField('customerId', 'required');
  if (!customer)
    await assertReferences(ctx, null, [{ field: 'customerId', kind: 'customer', ids: customerId }]);
  // A customer's suggestion comes from the portal; a complaint named as the source must be the customer's.
  const sourceKind = customer ? 'portal' : input.sourceKind;
  const sourceId = customer ? null : (input.sourceId ?? null);
  if (sourceId && sourceKind === 'complaint') {
    const c = await repo.findComplaint(ctx.db, { kind: 'customer', customerId }, sourceId);
    if (!c) throw invalidField('sourceId', "not one of the customer's complaints");
  }
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await srepo.insertSuggestion(tx, {
      number: await nextDocumentNumber(tx, 'JY', now, ctx.timeZone),
      customerId,
      sourceKind,
      sourceId,
      title: input.title,
      description: input.description,
      contactEmail: input.contactEmail ?? null,
      language: input.language,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'suggestions.register',
      entityType: 'suggestion',
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  return getSuggestion(ctx, id);
}

/** The suggestion's title from the customer's words: the reference and the first line, shortened. */
export function followUpSuggestionTitle(reference: string | null, text: string): string {
  const first = text.trim().split('\n')[0]!.trim();
  const head = `回访建议${reference ? `（${reference}）` : ''}：`;
  const room = 200 - head.length;
  return head + (first.length > room ? `${first.slice(0, room - 1)}…` : first);
}

/**
 * The followups module's port (provided in app.ts): a customer's suggestion given on a follow-up's
 * outcome, registered in the outcome's transaction with the follow-up as its source. Once per follow-up:
 * called again (recorded again, replayed, edited) it updates the text while the suggestion is only
 * registered, and leaves an evaluated or decided one as it is. The follow-up's row lock serialises calls.
 */
export const suggestionFromFollowUp: FollowUpSuggestionPort = async (tx, ctx, s) => {
  const now = ctx.clock.now();
  const title = followUpSuggestionTitle(s.reference, s.text);
  const description = s.text.slice(0, 4000);
  const existing = await srepo.findBySource(tx, 'follow_up', s.followUpId);
  if (existing) {
    if (existing.status !== 'registered' || existing.description === description) return;
    const updated = await updateVersioned(
      tx,
      improvementSuggestions,
      'Suggestion',
      existing.id,
      existing.version,
      { title, description },
    );
    await writeAudit(tx, ctx, {
      action: 'suggestions.from-follow-up',
      entityType: 'suggestion',
      entityId: existing.id,
      before: existing,
      after: updated,
    });
    return;
  }
  const row = await srepo.insertSuggestion(tx, {
    number: await nextDocumentNumber(tx, 'JY', now, ctx.timeZone),
    customerId: s.customerId,
    projectId: s.projectId,
    sourceKind: 'follow_up',
    sourceId: s.followUpId,
    title,
    description,
    contactEmail: s.contactEmail,
    language: 'zh-CN',
    createdBy: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(tx, ctx, {
    action: 'suggestions.register',
    entityType: 'suggestion',
    entityId: row.id,
    after: row,
  });
};

async function change(
  ctx: Ctx,
  id: string,
  version: number,
  action: string,
  apply: (row: Row) => Partial<Row>,
  after?: (tx: Ctx['db'], updated: Row) => Promise<Partial<Row> | undefined>,
) {
  await ctx.db.transaction(async (tx) => {
    const row = await srepo.findSuggestion(tx, ctx.scope, id);
    if (!row) throw notFound('Suggestion');
    let updated = await updateVersioned(tx, improvementSuggestions, 'Suggestion', id, version, apply(row));
    const more = after ? await after(tx as unknown as Ctx['db'], updated) : undefined;
    if (more)
      updated = await updateVersioned(tx, improvementSuggestions, 'Suggestion', id, updated.version, more);
    await writeAudit(tx, ctx, {
      action,
      entityType: 'suggestion',
      entityId: id,
      before: row,
      after: updated,
    });
  });
  return getSuggestion(ctx, id);
}

export function evaluateSuggestion(
  ctx: Ctx,
  id: string,
  input: {
    version: number;
    feasible: boolean;
    costEstimateFen?: number | null;
    evaluationNote?: string | null;
  },
) {
  return change(ctx, id, input.version, 'suggestions.evaluate', (row) => {
    if (row.status !== 'registered' && row.status !== 'evaluated')
      throw conflict('The suggestion has been decided already');
    return {
      status: 'evaluated',
      feasible: input.feasible,
      costEstimateFen: input.costEstimateFen ?? null,
      evaluationNote: input.evaluationNote ?? null,
    };
  });
}

export function decideSuggestion(
  ctx: Ctx,
  id: string,
  input: { version: number; decision: 'planned' | 'declined'; reason?: string | null; tellCustomer: boolean },
) {
  if (input.decision === 'declined' && !input.reason) throw invalidField('reason', 'required when declining');
  return change(
    ctx,
    id,
    input.version,
    'suggestions.decide',
    (row) => {
      if (row.status !== 'evaluated') throw conflict('Evaluate the suggestion before deciding');
      return { status: input.decision, decisionReason: input.reason ?? null, decidedAt: ctx.clock.now() };
    },
    async (tx, updated) => {
      if (!input.tellCustomer) return undefined;
      const told = await sendSuggestionDecision(
        ctx,
        tx,
        updated,
        input.decision === 'planned',
        input.reason ?? null,
      );
      return told ? { customerToldAt: ctx.clock.now() } : undefined;
    },
  );
}

export function recordSuggestionEffect(
  ctx: Ctx,
  id: string,
  input: { version: number; effectNote: string; effectOn: string },
) {
  return change(ctx, id, input.version, 'suggestions.effect', (row) => {
    if (row.status !== 'planned')
      throw conflict('Only a suggestion in the improvement plan has an effect to track');
    return { effectNote: input.effectNote, effectOn: input.effectOn };
  });
}
