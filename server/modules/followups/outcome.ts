// The outcome of a call (篇1 四.2): not reached → the next try (3 tries over 2 days), then the questions
// by email; reached → answers, satisfaction, problems found and suggestions. A usage problem gets
// guidance now or a consultation ticket; a quality or service problem a ticket routed to the responsible
// team — and the follow-up waits until the customer has been told the outcome.
import type {
  FOLLOW_UP_RULES,
  TCustomerToldRequest,
  TRecordOutcomeRequest,
} from '../../../common/followups-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import { conflict, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { contactFacts, customerFacts } from '../registry/index.ts';
import { createTicket } from '../tickets/index.ts';
import { canManage, viewsOf } from './call-list.ts';
import * as repo from './repository.ts';
import { nextTryAt } from './rules.ts';
import type { StoredProblem } from './schema.ts';
import { settingsOf } from './settings.ts';
import { passOnSuggestion } from './suggestion-port.ts';

const RULE_WORDS: Record<(typeof FOLLOW_UP_RULES)[number], string> = {
  delivery_quarterly: '定期回访',
  repair: '维修回访',
  consultation: '咨询回访',
  complaint: '投诉处理回访',
  onsite_monthly: '月度上门回访',
  onsite_yearly: '年度上门回访',
  periodic_call: '客户电话回访',
};

/** The follow-up locked for the change, checked: on the caller's list, at the version the caller read. */
async function loadForChange(tx: Executor, ctx: Ctx, id: string, version: number) {
  const row = await repo.findFollowUp(tx, id, true);
  if (!row) throw notFound('Follow-up');
  if (!canManage(ctx) && row.agentId !== ctx.principal.userId)
    throw forbidden(
      row.agentId
        ? "This follow-up is on another agent's call list"
        : 'This follow-up is not on your call list yet: a service manager assigns it',
    );
  if (row.version !== version) throw staleVersion('Follow-up');
  return row;
}

async function emailOf(tx: Executor, row: repo.FollowUpRow): Promise<string | null> {
  if (row.contactId) {
    const contact = (await contactFacts(tx, [row.contactId])).get(row.contactId);
    if (contact?.email) return contact.email;
  }
  return (await customerFacts(tx, [row.customerId])).get(row.customerId)?.contactEmail ?? null;
}

/** The fallback after the tries: the questions by email (outbox), the follow-up done by email. */
async function sendByEmail(tx: Executor, ctx: Ctx, row: repo.FollowUpRow, questions: string[]) {
  const email = await emailOf(tx, row);
  if (!email) return false;
  const lines = questions.map((q, i) => `${i + 1}. ${q}`).join('\n');
  await enqueueMessage(
    tx,
    {
      channel: 'email',
      recipient: email,
      template: 'followups.questions',
      payload: {
        subject: `${RULE_WORDS[row.rule]}${row.reference ? `（${row.reference}）` : ''} / Follow-up`,
        text:
          `您好：\n\n我们多次致电未能联系到您。请直接回复本邮件回答以下问题，并为我们的服务打分（1–5 分）：\n\n${lines}\n\n` +
          'Hello, we could not reach you by phone. Please reply to this email with your answers and a score from 1 to 5.\n\nAftercare',
        followUpId: row.id,
      },
      dedupeKey: `followup-email:${row.id}`,
    },
    ctx.clock.now(),
  );
  return true;
}

/** The tickets for what was found, each to the responsible team by the tickets module's routing. */
async function ticketsFor(ctx: Ctx, row: repo.FollowUpRow, problems: TRecordOutcomeRequest['problems']) {
  const out: StoredProblem[] = [];
  for (const p of problems) {
    let ticket: { id: string; number: string } | null = null;
    if (p.action !== 'guidance') {
      const kind =
        p.action === 'consultation_ticket'
          ? 'consultation'
          : p.class === 'quality'
            ? 'fault_report'
            : 'other';
      const made = await createTicket(ctx, {
        kind,
        customerId: row.customerId,
        contactId: row.contactId,
        projectId: row.projectId,
        assetIds: [],
        channel: 'phone',
        priority: 'normal',
        emergency: false,
        complexity: 'general',
        subject: `回访发现：${p.description.slice(0, 150)}`,
        description: `${RULE_WORDS[row.rule]}${row.reference ? `（${row.reference}）` : ''}\n${p.description}`,
        attachmentIds: [],
      });
      ticket = { id: made.id, number: made.number };
    }
    out.push({
      class: p.class,
      description: p.description,
      action: p.action,
      note: p.note ?? null,
      ticketId: ticket?.id ?? null,
      ticketNumber: ticket?.number ?? null,
    });
  }
  return out;
}

export async function recordOutcome(ctx: Ctx, id: string, input: TRecordOutcomeRequest) {
  const now = ctx.clock.now();
  const saved = await ctx.db.transaction(async (tx) => {
    const inner = ctxInTransaction(ctx, tx);
    const row = await loadForChange(tx, ctx, id, input.version);
    if (row.status !== 'open') throw conflict('This follow-up already has its outcome');
    const settings = await settingsOf(tx);
    const attempts = row.attempts + 1;
    let change: Partial<repo.NewFollowUp>;
    if (!input.reached) {
      const next = nextTryAt(attempts, now, settings);
      if (next) change = { attempts, nextAttemptAt: next, note: input.note ?? row.note };
      else {
        const emailed = await sendByEmail(tx, ctx, row, settings.rules[row.rule].questions);
        change = {
          attempts,
          reached: false,
          nextAttemptAt: null,
          status: emailed ? 'emailed' : 'unreached',
          channel: emailed ? 'email' : row.channel,
          note: input.note ?? row.note,
          outcomeAt: now,
          closedAt: now,
          flagAt: null,
        };
      }
    } else {
      const problems = await ticketsFor(inner, row, input.problems);
      const waiting = problems.some((p) => p.class !== 'usage');
      change = {
        attempts,
        reached: true,
        nextAttemptAt: null,
        answers: input.answers,
        satisfaction: input.satisfaction ?? null,
        problems,
        suggestions: input.suggestions ?? null,
        equipmentCheck: input.equipmentCheck.map((c) => ({ ...c, note: c.note ?? null })),
        coaching: input.coaching ?? null,
        note: input.note ?? null,
        status: waiting ? 'awaiting_customer' : 'done',
        outcomeAt: now,
        closedAt: waiting ? null : now,
        flagAt: null,
      };
    }
    const after = await repo.updateAtVersion(tx, id, input.version, change, now);
    if (!after) throw staleVersion('Follow-up');
    // The customer's suggestion becomes an improvement suggestion (the complaints module's, by its port).
    if (input.reached && input.suggestions?.trim())
      await passOnSuggestion(tx, inner, {
        followUpId: id,
        customerId: row.customerId,
        projectId: row.projectId,
        contactEmail: await emailOf(tx, row),
        reference: row.reference,
        text: input.suggestions.trim(),
      });
    await writeAudit(tx, ctx, {
      action: input.reached ? 'followups.outcome' : 'followups.not-reached',
      entityType: 'follow_up',
      entityId: id,
      before: { status: row.status, attempts: row.attempts },
      after: change,
    });
    return after;
  });
  const [view] = await viewsOf(ctx.db, [saved], now);
  return view!;
}

/** The outcome of what was passed on has been told to the customer: the follow-up closes (篇1 四.2). */
export async function customerTold(ctx: Ctx, id: string, input: TCustomerToldRequest) {
  const now = ctx.clock.now();
  const saved = await ctx.db.transaction(async (tx) => {
    const row = await loadForChange(tx, ctx, id, input.version);
    if (row.status !== 'awaiting_customer')
      throw conflict('Only a follow-up whose problems were passed on waits for the customer to be told');
    const change = { status: 'done' as const, toldAt: now, toldNote: input.note, closedAt: now };
    const after = await repo.updateAtVersion(tx, id, input.version, change, now);
    if (!after) throw staleVersion('Follow-up');
    await writeAudit(tx, ctx, {
      action: 'followups.told',
      entityType: 'follow_up',
      entityId: id,
      after: change,
    });
    return after;
  });
  const [view] = await viewsOf(ctx.db, [saved], now);
  return view!;
}
