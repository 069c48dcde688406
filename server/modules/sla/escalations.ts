// What an escalation level does: notify people (in-app, email, SMS, in their language), reassign the
// ticket, raise its priority. Ticket changes go through tickets (the port), so they bump the version,
// are audited and logged for the SLA like any change. Notifications are gathered over a sweep's
// transaction and sent grouped: one message per recipient, ticket and level, naming every target
// that reached it (three targets due at the same moment are one message, not three).
import { createHash } from 'node:crypto';
import type { TNotificationChannel } from '../../../common/notifications-api.ts';
import { isStaffRole } from '../../../common/roles.ts';
import type { EscalationAction } from '../../../common/sla-rules.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { findActiveStaffMembers, listActiveStaff } from '../accounts/index.ts';
import { type Notice, sendNotices } from '../notifications/index.ts';
import type { SlaTicket, SlaTicketPort } from './ports.ts';
import type { TargetRow } from './repository.ts';
import { renderNotification, type SlaTemplate } from './templates.ts';

export interface FiredLevel {
  target: TargetRow;
  key: string;
  offsetMinutes: number;
}

/** Recipients looked up once per sweep batch, by who they are for which ticket. */
export type RecipientCache = Map<string, string[]>;

interface Group {
  userId: string;
  ticket: SlaTicket;
  template: SlaTemplate;
  offsetMinutes: number;
  offered: Set<TNotificationChannel>;
  /** target id → what fired of it */
  fired: Map<string, { metric: string; dueAt: Date | null; levels: Set<string> }>;
}

/** The notifications of one sweep transaction, grouped by recipient, ticket and level. */
export class NoticeGroups {
  private readonly groups = new Map<string, Group>();

  add(
    userIds: readonly string[],
    ticket: SlaTicket,
    level: FiredLevel,
    offered: readonly TNotificationChannel[],
  ) {
    const template = templateOf(level.offsetMinutes);
    for (const userId of userIds) {
      const key = `${userId}|${ticket.id}|${template}|${level.offsetMinutes}`;
      let group = this.groups.get(key);
      if (!group) {
        group = {
          userId,
          ticket,
          template,
          offsetMinutes: level.offsetMinutes,
          offered: new Set(),
          fired: new Map(),
        };
        this.groups.set(key, group);
      }
      for (const c of offered) group.offered.add(c);
      const { target } = level;
      const fired = group.fired.get(target.id) ?? {
        metric: target.metric,
        dueAt: target.dueAt,
        levels: new Set(),
      };
      fired.levels.add(level.key);
      group.fired.set(target.id, fired);
    }
  }

  async send(tx: Executor, ctx: Ctx): Promise<number> {
    const notices: Notice[] = [...this.groups.values()].map((g) => noticeOf(g, ctx.timeZone));
    this.groups.clear();
    return sendNotices(tx, ctx, notices);
  }
}

const templateOf = (offsetMinutes: number): SlaTemplate =>
  offsetMinutes < 0 ? 'sla.warning' : offsetMinutes === 0 ? 'sla.breached' : 'sla.escalation';

function noticeOf(g: Group, timeZone: string): Notice {
  const targets = [...g.fired.entries()].sort(
    ([, a], [, b]) =>
      (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || a.metric.localeCompare(b.metric),
  );
  const metrics = [...new Set(targets.map(([, t]) => t.metric))];
  const dueAt = targets[0]?.[1].dueAt?.toISOString() ?? null;
  // Each (target, level) fires once (sla_firings), so it is in exactly one message per recipient:
  // the set of them names the message.
  const fired = targets.flatMap(([id, t]) => [...t.levels].sort().map((l) => `${id}/${l}`)).join(',');
  const digest = createHash('sha256').update(fired).digest('hex').slice(0, 24);
  const payload = {
    ticketId: g.ticket.id,
    number: g.ticket.number,
    ticketSubject: g.ticket.subject,
    metric: metrics[0],
    metrics,
    dueAt,
    offsetMinutes: g.offsetMinutes,
  };
  return {
    kind: g.template,
    userIds: [g.userId],
    offered: [...g.offered],
    payload,
    render: (locale) =>
      renderNotification(g.template, locale, {
        number: g.ticket.number,
        subject: g.ticket.subject,
        metrics,
        dueAt,
        offsetMinutes: g.offsetMinutes,
        timeZone,
      }),
    dedupeKey: `sla:${g.ticket.id}:${g.template}:${g.offsetMinutes}:${digest}`,
  };
}

export async function runAction(
  tx: Executor,
  ctx: Ctx,
  tickets: SlaTicketPort,
  ticket: SlaTicket,
  level: FiredLevel,
  action: EscalationAction,
  people: RecipientCache,
  notices: NoticeGroups,
): Promise<void> {
  const reason = `sla ${level.target.metric} ${level.key}`;
  if (action.type === 'notify') {
    const who = `${action.to}:${ticket.team}:${ticket.assigneeId}:${ticket.watcherIds.join()}`;
    let recipients = people.get(who);
    if (!recipients) {
      recipients = await recipientsOf(tx, ticket, action.to);
      people.set(who, recipients);
    }
    notices.add(recipients, ticket, level, action.channels);
    return;
  }
  if (action.type === 'reassign') {
    if (ticket.assigneeId === action.userId) return;
    if (await tickets.reassign(tx, ctx, ticket.id, action.userId, reason)) ticket.assigneeId = action.userId;
    return;
  }
  await tickets.raisePriority(tx, ctx, ticket.id, reason);
}

async function recipientsOf(tx: Executor, ticket: SlaTicket, to: string): Promise<string[]> {
  const found = async (ids: string[]) => (await findActiveStaffMembers(tx, ids)).map((u) => u.id);
  if (to === 'assignee' && ticket.assigneeId) return found([ticket.assigneeId]);
  if (to === 'watchers') return found(ticket.watcherIds);
  // Unassigned, "assignee" falls back to the team.
  const role = to === 'managers' ? 'manager' : ticket.team;
  return isStaffRole(role) ? (await listActiveStaff(tx, role, 50)).map((u) => u.id) : [];
}
