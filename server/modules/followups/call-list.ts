// The call list (回访清单, 篇1 四 2): for an agent and a day, the customer, contact and phone, project,
// reason, due time and the questions to ask; managers assign follow-ups to agents and see every list.

import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TFollowUp } from '../../../common/followups-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { findActiveStaffMembers, userNames } from '../accounts/index.ts';
import { workOrderStates } from '../field/index.ts';
import { contactFacts, customerFacts, projectFacts } from '../registry/index.ts';
import * as repo from './repository.ts';
import { localInstant } from './rules.ts';
import { settingsOf } from './settings.ts';

export const canManage = (ctx: Ctx) => ctx.principal.permissions.has('followups.manage');

/** The rows as the screens show them: names, phone and the questions, read once per list. */
export async function viewsOf(
  db: Executor,
  rows: readonly repo.FollowUpRow[],
  now: Date,
): Promise<TFollowUp[]> {
  if (!rows.length) return [];
  const settings = await settingsOf(db);
  const ids = <K extends keyof repo.FollowUpRow>(k: K) => rows.flatMap((r) => (r[k] ? [r[k] as string] : []));
  const [customers, contacts, projects, agents, visits] = await Promise.all([
    customerFacts(db, ids('customerId')),
    contactFacts(db, ids('contactId')),
    projectFacts(db, ids('projectId')),
    userNames(db, ids('agentId')),
    workOrderStates(db, ids('visitWorkOrderId')),
  ]);
  return rows.map((r) => {
    const customer = customers.get(r.customerId);
    const contact = r.contactId ? contacts.get(r.contactId) : undefined;
    const visit = r.visitWorkOrderId ? visits.get(r.visitWorkOrderId) : undefined;
    return {
      id: r.id,
      rule: r.rule,
      channel: r.channel,
      status: r.status,
      dueAt: r.dueAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
      customerId: r.customerId,
      customerName: customer?.name ?? '',
      contactName: contact?.name ?? customer?.contactName ?? null,
      contactPhone: contact?.phone ?? customer?.contactPhone ?? null,
      projectId: r.projectId,
      projectName: r.projectId ? (projects.get(r.projectId)?.name ?? null) : null,
      reference: r.reference,
      workOrderNumber: r.rule === 'repair' ? r.reference : null,
      ticketId: r.ticketId,
      visitWorkOrderId: r.visitWorkOrderId,
      visitWorkOrderNumber: visit?.number ?? null,
      agentId: r.agentId,
      agentName: r.agentId ? (agents.get(r.agentId) ?? null) : null,
      attempts: r.attempts,
      questions: settings.rules[r.rule].questions,
      reached: r.reached,
      answers: r.answers,
      satisfaction: r.satisfaction,
      problems: r.problems.map((p) => ({ ...p, note: p.note ?? null })),
      suggestions: r.suggestions,
      equipmentCheck: r.equipmentCheck,
      coaching: r.coaching,
      note: r.note,
      toldAt: r.toldAt?.toISOString() ?? null,
      toldNote: r.toldNote,
      overdue: r.status === 'open' && r.dueAt < now,
      version: r.version,
    };
  });
}

/**
 * The call list of a day (the organisation's zone): what is due before the day ends, overdue included.
 * An agent sees his own; a manager names the agent, or `unassigned`.
 */
export async function callList(ctx: Ctx, q: { date?: string; agentId?: string }) {
  const now = ctx.clock.now();
  const day = q.date ?? toLocalDate(now, ctx.timeZone);
  const until = localInstant(addDays(day, 1), 0, ctx.timeZone);
  let agentId: string | null = ctx.principal.userId;
  if (q.agentId && q.agentId !== ctx.principal.userId) {
    if (!canManage(ctx)) throw forbidden("Only a service manager sees another agent's call list");
    agentId = q.agentId === 'unassigned' ? null : q.agentId;
  }
  return viewsOf(ctx.db, await repo.callList(ctx.db, agentId, until, 500), now);
}

export async function getFollowUp(ctx: Ctx, id: string) {
  const row = await repo.findFollowUp(ctx.db, id);
  if (!row) throw notFound('Follow-up');
  if (!canManage(ctx) && row.agentId !== ctx.principal.userId) throw notFound('Follow-up');
  const [view] = await viewsOf(ctx.db, [row], ctx.clock.now());
  return view!;
}

/** Open follow-ups, earliest due first (the dispatch page's list). */
export async function openFollowUps(ctx: Ctx, q: { rule?: repo.FollowUpRow['rule'] }) {
  return viewsOf(ctx.db, await repo.openFollowUps(ctx.db, q.rule, 200), ctx.clock.now());
}

/** A manager puts follow-ups on an agent's list (or takes them off); audited. */
export async function assignFollowUps(ctx: Ctx, input: { ids: string[]; agentId: string | null }) {
  if (input.agentId) {
    const [agent] = await findActiveStaffMembers(ctx.db, [input.agentId]);
    if (!agent) throw invalidField('agentId', 'not an active member of staff');
  }
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.assign(tx, input.ids, input.agentId, ctx.clock.now());
    await writeAudits(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'followups.assign',
        entityType: 'follow_up',
        entityId: r.id,
        after: { agentId: input.agentId },
      })),
    );
    return { assigned: rows.length };
  });
}

/** Follow-ups due by `until` (the workbench's figure): the agent's own, or all for a manager. */
export async function followUpsDueCount(ctx: Ctx, until: Date) {
  return repo.dueCount(ctx.db, until, canManage(ctx) ? undefined : (ctx.principal.userId ?? undefined));
}

/** For the complaints module: whether the feedback follow-up reached the customer and how satisfied. */
export async function followUpOutcomeOf(db: Executor, id: string) {
  const row = await repo.findFollowUp(db, id);
  if (!row) return null;
  return {
    status: row.status,
    reached: row.reached,
    satisfaction: row.satisfaction,
    outcomeAt: row.outcomeAt,
  };
}
