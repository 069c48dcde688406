// What an escalation level does: notify people (in-app, email, SMS, in their language), reassign the
// ticket, raise its priority. Ticket changes go through tickets (the port), so they bump the version,
// are audited and logged for the SLA like any change.
import { isStaffRole } from '../../../common/roles.ts';
import type { EscalationAction } from '../../../common/sla-rules.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { findActiveStaffMembers, listActiveStaff, type StaffMember } from '../accounts/index.ts';
import type { SlaTicket, SlaTicketPort } from './ports.ts';
import type { TargetRow } from './repository.ts';
import { renderNotification } from './templates.ts';

export interface FiredLevel {
  target: TargetRow;
  key: string;
  offsetMinutes: number;
}

/** Recipients looked up once per sweep batch, by who they are for which ticket. */
export type RecipientCache = Map<string, StaffMember[]>;

export async function runAction(
  tx: Executor,
  ctx: Ctx,
  tickets: SlaTicketPort,
  ticket: SlaTicket,
  level: FiredLevel,
  action: EscalationAction,
  people: RecipientCache,
): Promise<void> {
  const reason = `sla ${level.target.metric} ${level.key}`;
  if (action.type === 'notify') return notify(tx, ctx, ticket, level, action, people);
  if (action.type === 'reassign') {
    if (ticket.assigneeId === action.userId) return;
    if (await tickets.reassign(tx, ctx, ticket.id, action.userId, reason)) ticket.assigneeId = action.userId;
    return;
  }
  await tickets.raisePriority(tx, ctx, ticket.id, reason);
}

async function notify(
  tx: Executor,
  ctx: Ctx,
  ticket: SlaTicket,
  level: FiredLevel,
  action: Extract<EscalationAction, { type: 'notify' }>,
  people: RecipientCache,
) {
  const who = `${action.to}:${ticket.team}:${ticket.assigneeId}:${ticket.watcherIds.join()}`;
  let recipients = people.get(who);
  if (!recipients) {
    recipients = await recipientsOf(tx, ticket, action.to);
    people.set(who, recipients);
  }
  const { target, key, offsetMinutes } = level;
  const template =
    offsetMinutes < 0 ? 'sla.warning' : offsetMinutes === 0 ? 'sla.breached' : 'sla.escalation';
  const payload = {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    metric: target.metric,
    dueAt: target.dueAt?.toISOString() ?? null,
    level: key,
    offsetMinutes,
  };
  for (const user of recipients) {
    for (const channel of action.channels) {
      const address = channel === 'in_app' ? user.id : channel === 'email' ? user.email : user.phone;
      if (!address) continue;
      const rendered = renderNotification(template, user.locale, { ...payload, timeZone: ctx.timeZone });
      await enqueueMessage(
        tx,
        {
          channel,
          recipient: address,
          template,
          payload: { ...payload, subject: rendered.subject, text: rendered.text },
          dedupeKey: `sla:${target.id}:${key}:${user.id}:${channel}`,
        },
        ctx.clock.now(),
      );
    }
  }
}

async function recipientsOf(tx: Executor, ticket: SlaTicket, to: string): Promise<StaffMember[]> {
  const found = (ids: string[]) => findActiveStaffMembers(tx, ids);
  if (to === 'assignee' && ticket.assigneeId) return found([ticket.assigneeId]);
  if (to === 'watchers') return found(ticket.watcherIds);
  // Unassigned, "assignee" falls back to the team.
  const role = to === 'managers' ? 'manager' : ticket.team;
  return isStaffRole(role) ? listActiveStaff(tx, role, 50) : [];
}
