// Complaint use cases (投诉, 篇1 六): acceptance with the apology, investigation by the responsible
// department, handling (at once, or a plan with a timeline and progress), the feedback question, and
// reopening until the complainant is satisfied — or a manager closes it with a reason. Each step runs
// in one transaction with its audit entry, its timeline event and the complainant's email.
import { sql } from 'drizzle-orm';
import {
  DEFAULT_COMPLAINT_SETTINGS,
  type TComplaint,
  type TComplaintListItem,
  type TComplaintSettings,
  type TCreateComplaintRequest,
  type TFindingsRequest,
  type THandleRequest,
  type TUpdateComplaintSettingsRequest,
} from '../../../common/complaints-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { userNames } from '../accounts/index.ts';
import { workOrderOwners } from '../field/index.ts';
import { followUpComplaintHandled } from '../followups/index.ts';
import { customerFacts, equipmentFacts, regionOf } from '../registry/index.ts';
import { ticketOwners } from '../tickets/index.ts';
import * as mail from './mail.ts';
import * as repo from './repository.ts';
import {
  type ComplaintAction,
  canDo,
  canForceClose,
  deadlinesOf,
  nextFlagAfterChange,
  stateOf,
} from './rules.ts';
import { complaints } from './schema.ts';

// ---------- settings ----------
export async function settingsOf(db: Executor): Promise<TComplaintSettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_COMPLAINT_SETTINGS, version: 0, updatedAt: null };
  const { id: _id, updatedBy: _by, updatedAt, ...values } = row;
  return { ...values, updatedAt: updatedAt.toISOString() };
}

export async function updateSettings(ctx: Ctx, input: TUpdateComplaintSettingsRequest) {
  const before = await settingsOf(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const { version, ...values } = input;
    const row = await repo.upsertSettings(
      tx,
      version,
      { ...values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Complaint settings');
    await writeAudit(tx, ctx, {
      action: 'complaints.settings',
      entityType: 'complaint_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return settingsOf(ctx.db);
}

// ---------- acceptance ----------
const isCustomer = (ctx: Ctx) => ctx.scope.kind === 'customer';

/** Checks each id the complaint names against its customer: another customer's record is a 422. */
async function checkRelated(ctx: Ctx, customerId: string, input: TCreateComplaintRequest) {
  await assertReferences(ctx, customerId, [
    { field: 'againstUserId', kind: 'staff', ids: input.againstUserId },
    { field: 'assetId', kind: 'asset', ids: input.assetId },
    { field: 'fileIds', kind: 'file', ids: input.fileIds },
  ]);
  let team: string | null = null;
  if (input.ticketId) {
    const t = (await ticketOwners(ctx.db, [input.ticketId])).get(input.ticketId);
    if (!t || t.customerId !== customerId)
      throw invalidField('ticketId', "not one of the customer's tickets");
    team = t.team;
  }
  if (input.workOrderId) {
    const w = (await workOrderOwners(ctx.db, [input.workOrderId])).get(input.workOrderId);
    if (!w || w.customerId !== customerId)
      throw invalidField('workOrderId', "not one of the customer's work orders");
  }
  return { ticketTeam: team };
}

export async function createComplaint(ctx: Ctx, input: TCreateComplaintRequest): Promise<TComplaint> {
  const customerId = isCustomer(ctx)
    ? (ctx.scope as { customerId: string }).customerId
    : (input.customerId ?? null);
  if (!customerId) throw invalidField('customerId', 'required');
  if (!isCustomer(ctx))
    await assertReferences(ctx, null, [{ field: 'customerId', kind: 'customer', ids: customerId }]);
  // A customer files through the portal and cannot name staff; what it says stays its own words.
  const values = isCustomer(ctx)
    ? { ...input, channel: 'portal' as const, againstUserId: null, receivedAt: undefined }
    : input;
  const { ticketTeam } = await checkRelated(ctx, customerId, values);
  const now = ctx.clock.now();
  const receivedAt = values.receivedAt ? new Date(values.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime()) throw invalidField('receivedAt', 'in the future');
  const settings = await settingsOf(ctx.db);
  const expectedAnswerAt = new Date(receivedAt.getTime() + settings.handleHours * 3_600_000);
  const [asset, region] = await Promise.all([
    values.assetId ? equipmentFacts(ctx.db, [values.assetId]) : Promise.resolve(new Map()),
    regionOf(ctx.db, { customerId, projectId: null }),
  ]);
  const id = await ctx.db.transaction(async (tx) => {
    const number = await nextDocumentNumber(tx, 'TS', now, ctx.timeZone);
    const row = await repo.insertComplaint(tx, {
      number,
      customerId,
      channel: values.channel,
      complainantName: values.complainantName,
      contactPhone: values.contactPhone ?? null,
      contactEmail: values.contactEmail ?? null,
      language: values.language,
      matter: values.matter,
      category: values.category,
      receivedAt,
      againstUserId: values.againstUserId ?? null,
      againstTeam: values.againstTeam ?? ticketTeam,
      ticketId: values.ticketId ?? null,
      workOrderId: values.workOrderId ?? null,
      assetId: values.assetId ?? null,
      productName: values.assetId ? (asset.get(values.assetId)?.productName ?? null) : null,
      region,
      defect: values.defect,
      fileIds: values.fileIds,
      expectedAnswerAt,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    const deadlines = deadlinesOf(row, settings);
    await repo.setNextFlag(tx, row.id, nextFlagAfterChange(deadlines, false));
    await event(tx, ctx, row, 'accepted', null);
    await mail.sendApology(ctx, tx, row, expectedAnswerAt);
    await writeAudit(tx, ctx, {
      action: 'complaints.accept',
      entityType: 'complaint',
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  return getComplaint(ctx, id);
}

async function event(
  tx: Executor,
  ctx: Ctx,
  c: { id: string; round: number },
  kind: string,
  note: string | null,
  data?: Record<string, unknown>,
) {
  await repo.insertEvent(tx, {
    complaintId: c.id,
    kind,
    at: ctx.clock.now(),
    round: c.round,
    actorId: ctx.principal.userId,
    actorName: ctx.principal.userId ? ctx.principal.displayName : null,
    note,
    data: data ?? null,
  });
}

// ---------- reading ----------
export async function getComplaint(ctx: Ctx, id: string): Promise<TComplaint> {
  const row = await repo.findComplaint(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Complaint');
  const [events, milestones, settings, customers, names, ticket] = await Promise.all([
    repo.eventsOf(ctx.db, id),
    repo.milestonesOf(ctx.db, id),
    settingsOf(ctx.db),
    customerFacts(ctx.db, [row.customerId]),
    userNames(
      ctx.db,
      [row.againstUserId, row.responsibleUserId].filter((x): x is string => !!x),
    ),
    row.ticketId ? ticketOwners(ctx.db, [row.ticketId]) : Promise.resolve(new Map()),
  ]);
  const now = ctx.clock.now();
  const view: TComplaint = {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    customerName: customers.get(row.customerId)?.name ?? '',
    channel: row.channel,
    complainantName: row.complainantName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    language: row.language,
    matter: row.matter,
    category: row.category,
    receivedAt: row.receivedAt.toISOString(),
    againstUserId: row.againstUserId,
    againstUserName: row.againstUserId ? (names.get(row.againstUserId) ?? null) : null,
    againstTeam: row.againstTeam,
    ticketId: row.ticketId,
    ticketNumber: row.ticketId ? (ticket.get(row.ticketId)?.number ?? null) : null,
    workOrderId: row.workOrderId,
    assetId: row.assetId,
    productName: row.productName,
    region: row.region,
    defect: row.defect,
    fileIds: row.fileIds,
    status: row.status,
    round: row.round,
    responsibleUserId: row.responsibleUserId,
    responsibleName: row.responsibleUserId ? (names.get(row.responsibleUserId) ?? null) : null,
    department: row.department,
    facts: row.facts,
    rootCause: row.rootCause,
    rootCauseNote: row.rootCauseNote,
    solution: row.solution,
    upheld: row.upheld,
    immediate: row.immediate,
    expectedAnswerAt: row.expectedAnswerAt.toISOString(),
    handledAt: row.handledAt?.toISOString() ?? null,
    onSiteAt: row.onSiteAt?.toISOString() ?? null,
    replacedAt: row.replacedAt?.toISOString() ?? null,
    feedbackAskedAt: row.feedbackAskedAt?.toISOString() ?? null,
    satisfied: row.satisfied,
    feedbackAt: row.feedbackAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedReason: row.closedReason,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      doneAt: m.doneAt?.toISOString() ?? null,
    })),
    events: events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      round: e.round,
      actorName: e.actorName,
      note: e.note,
    })),
    deadlines: deadlinesOf(row, settings).map((d) => ({
      target: d.target,
      dueAt: d.dueAt.toISOString(),
      metAt: d.metAt?.toISOString() ?? null,
      state: stateOf(d, now),
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
  return isCustomer(ctx) ? customerView(view) : view;
}

/** What the complainant reads: the workflow and the answer, not the internal findings or staff. */
function customerView(c: TComplaint): TComplaint {
  return {
    ...c,
    againstUserId: null,
    againstUserName: null,
    responsibleUserId: null,
    responsibleName: null,
    facts: null,
    rootCause: null,
    rootCauseNote: null,
    upheld: null,
    events: c.events.filter((e) => CUSTOMER_EVENTS.has(e.kind)).map((e) => ({ ...e, actorName: null })),
    deadlines: [],
  };
}
const CUSTOMER_EVENTS = new Set([
  'accepted',
  'investigating',
  'handled',
  'progress',
  'feedback_asked',
  'satisfied',
  'unsatisfied',
  'reopened',
  'closed',
]);

export async function listComplaints(
  ctx: Ctx,
  q: { status?: TComplaint['status']; open?: boolean; customerId?: string; cursor?: string; limit: number },
): Promise<{ items: TComplaintListItem[]; nextCursor: string | null }> {
  const rows = await repo.listComplaints(ctx.db, ctx.scope, q, decodeCursor(q.cursor), q.limit);
  const page = pageFrom(rows, q.limit, (r) => ({ v: r.receivedAt.toISOString(), id: r.id }));
  const [customers, names, flags] = await Promise.all([
    customerFacts(
      ctx.db,
      page.items.map((r) => r.customerId),
    ),
    isCustomer(ctx)
      ? Promise.resolve(new Map<string, string>())
      : userNames(
          ctx.db,
          page.items.map((r) => r.responsibleUserId).filter((x): x is string => !!x),
        ),
    isCustomer(ctx)
      ? Promise.resolve(new Map())
      : repo.flaggedOf(
          ctx.db,
          page.items.map((r) => r.id),
        ),
  ]);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      number: r.number,
      customerId: r.customerId,
      customerName: customers.get(r.customerId)?.name ?? '',
      channel: r.channel,
      complainantName: r.complainantName,
      matter: r.matter,
      category: r.category,
      receivedAt: r.receivedAt.toISOString(),
      status: r.status,
      round: r.round,
      responsibleName: r.responsibleUserId ? (names.get(r.responsibleUserId) ?? null) : null,
      expectedAnswerAt: r.expectedAnswerAt.toISOString(),
      version: r.version,
      warning: flags.get(r.id)?.warning ?? false,
      breached: flags.get(r.id)?.breach ?? false,
    })),
    nextCursor: page.nextCursor,
  };
}

// ---------- workflow steps ----------
type Row = repo.ComplaintRow;

/**
 * One step: the complaint locked at the expected version, the step allowed in its status, the change
 * applied (version + 1), the deadline sweep's next look recomputed, the event and the audit entry.
 */
async function step(
  ctx: Ctx,
  id: string,
  version: number,
  action: ComplaintAction | 'force_close',
  apply: (
    tx: Executor,
    row: Row,
  ) => Promise<{
    values: Partial<Row>;
    kind: string;
    note: string | null;
    after?: (tx: Executor, updated: Row) => Promise<void>;
  }>,
): Promise<TComplaint> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findComplaint(tx, ctx.scope, id, true);
    if (!row) throw notFound('Complaint');
    if (row.version !== version) throw staleVersion('Complaint');
    const allowed = action === 'force_close' ? canForceClose(row.status) : canDo(action, row.status);
    if (!allowed) throw conflict(`This step is not possible while the complaint is ${row.status}`);
    const { values, kind, note, after } = await apply(tx, row);
    const updated = await updateVersioned(tx, complaints, 'Complaint', id, version, values, {
      column: complaints.customerId,
      scope: ctx.scope,
    });
    const settings = await settingsOf(tx);
    await repo.setNextFlag(
      tx,
      id,
      nextFlagAfterChange(deadlinesOf(updated, settings), updated.status === 'closed'),
    );
    await event(tx, ctx, updated, kind, note);
    if (after) await after(tx, updated);
    await writeAudit(tx, ctx, {
      action: `complaints.${kind}`,
      entityType: 'complaint',
      entityId: id,
      before: row,
      after: updated,
    });
  });
  return getComplaint(ctx, id);
}

export function investigate(
  ctx: Ctx,
  id: string,
  input: { version: number; responsibleUserId: string; department: string },
) {
  return step(ctx, id, input.version, 'investigate', async (tx, row) => {
    await assertReferences(
      ctx,
      row.customerId,
      [{ field: 'responsibleUserId', kind: 'staff', ids: input.responsibleUserId }],
      tx,
    );
    return {
      values: {
        status: 'investigating',
        responsibleUserId: input.responsibleUserId,
        department: input.department,
      },
      kind: 'investigating',
      note: input.department,
    };
  });
}

export function recordFindings(ctx: Ctx, id: string, input: TFindingsRequest) {
  return step(ctx, id, input.version, 'findings', async (_tx, row) => {
    const now = ctx.clock.now();
    const values: Partial<Row> = {};
    if (input.facts !== undefined) values.facts = input.facts;
    if (input.rootCause !== undefined) values.rootCause = input.rootCause;
    if (input.rootCauseNote !== undefined) values.rootCauseNote = input.rootCauseNote;
    if (input.upheld !== undefined) values.upheld = input.upheld;
    if (input.solution !== undefined) {
      values.solution = input.solution;
      if (input.solution && !row.solutionAt) values.solutionAt = now;
    }
    for (const field of ['onSiteAt', 'replacedAt'] as const) {
      const v = input[field];
      if (v === undefined) continue;
      if (v && new Date(v).getTime() > now.getTime()) throw invalidField(field, 'in the future');
      if (v && !row.defect) throw invalidField(field, 'only for a defect found by the complaint');
      values[field] = v ? new Date(v) : null;
    }
    return { values, kind: 'findings', note: input.solution ?? input.facts ?? null };
  });
}

export function handle(ctx: Ctx, id: string, input: THandleRequest) {
  if (!input.immediate && !input.milestones.length)
    throw invalidField('milestones', 'a plan needs at least one milestone with its date');
  return step(ctx, id, input.version, 'handle', async (tx, row) => {
    const now = ctx.clock.now();
    await repo.insertMilestones(
      tx,
      input.milestones.map((m, i) => ({
        complaintId: id,
        round: row.round,
        position: row.round * 100 + i,
        title: m.title,
        dueOn: m.dueOn,
      })),
    );
    return {
      values: {
        status: 'handled',
        immediate: input.immediate,
        solution: input.solution,
        solutionAt: row.solutionAt ?? now,
        handledAt: row.handledAt ?? now,
        lastHandledAt: now,
      },
      kind: 'handled',
      note: input.solution,
      after: async (t, updated) => {
        await mail.sendPlan(
          ctx,
          t,
          updated,
          updated.round,
          input.immediate,
          input.solution,
          input.milestones,
        );
        // 篇1 六.5: the feedback follow-up (回访) within 24 h of the handling, on the agents' call list,
        // once per complaint and round (the followups module's rule "complaint" and its delay).
        await followUpComplaintHandled(t, ctx, {
          complaintId: updated.id,
          customerId: updated.customerId,
          reference: updated.number,
          handledAt: now,
          round: updated.round,
        });
      },
    };
  });
}

export function recordProgress(
  ctx: Ctx,
  id: string,
  input: { version: number; note: string; milestoneId?: string | null },
) {
  return step(ctx, id, input.version, 'progress', async (tx) => {
    if (input.milestoneId && !(await repo.markMilestoneDone(tx, id, input.milestoneId, ctx.clock.now())))
      throw invalidField('milestoneId', 'not a milestone of this complaint');
    return {
      values: {},
      kind: 'progress',
      note: input.note,
      after: async (t, updated) => {
        await mail.sendProgress(ctx, t, updated, `progress:${updated.version}`, input.note);
      },
    };
  });
}

export function askFeedback(ctx: Ctx, id: string, input: { version: number }) {
  return step(ctx, id, input.version, 'ask_feedback', async () => ({
    values: { status: 'feedback', feedbackAskedAt: ctx.clock.now() },
    kind: 'feedback_asked',
    note: null,
    after: async (t, updated) => {
      await mail.sendFeedbackQuestion(ctx, t, updated, updated.round);
    },
  }));
}

/** The complainant's answer: satisfied ends the round; not satisfied reopens it (next round). */
export function recordFeedback(
  ctx: Ctx,
  id: string,
  input: { version: number; satisfied: boolean; comment?: string | null },
) {
  return step(ctx, id, input.version, 'feedback', async () => {
    const now = ctx.clock.now();
    if (input.satisfied)
      return {
        values: { status: 'satisfied', satisfied: true, feedbackAt: now },
        kind: 'satisfied',
        note: input.comment ?? null,
      };
    return {
      values: { status: 'investigating', satisfied: false, feedbackAt: now, round: sqlRoundPlusOne() },
      kind: 'reopened',
      note: input.comment ?? null,
    };
  });
}
/** The round of the reopened complaint: one more than the current one, in the same update. */
function sqlRoundPlusOne() {
  return sql`${complaints.round} + 1` as unknown as number;
}

/**
 * Closing: once the complainant is satisfied, by whoever handles complaints; before that only a
 * manager (complaints.close), with the reason written down.
 */
export function closeComplaint(ctx: Ctx, id: string, input: { version: number; reason?: string | null }) {
  return step(ctx, id, input.version, 'force_close', async (_tx, row) => {
    if (row.status !== 'satisfied') {
      if (!ctx.principal.permissions.has('complaints.close'))
        throw forbidden('Only a manager closes a complaint the complainant is not satisfied with');
      if (!input.reason) throw invalidField('reason', 'required when the complainant is not satisfied');
    }
    return {
      values: { status: 'closed', closedAt: ctx.clock.now(), closedReason: input.reason ?? null },
      kind: 'closed',
      note: input.reason ?? null,
    };
  });
}
