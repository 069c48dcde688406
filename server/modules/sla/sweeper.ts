// The sweeper fires the warnings and escalations that are due, each level exactly once (row locks +
// a primary key), whatever the number of instances or the downtime.
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import { NOTIFICATION_CHANNELS } from '../../../common/notifications-api.ts';
import { type EscalationAction, levelAt } from '../../../common/sla-rules.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type SystemDeps, systemCtx } from '../../platform/context.ts';
import { publishLive } from '../../platform/live.ts';
import { enqueueWebhookEvent } from '../notifications/index.ts';
import { calendarsById } from './config.ts';
import { type FiredLevel, NoticeGroups, type RecipientCache, runAction } from './escalations.ts';
import type { SlaTicket, SlaTicketPort } from './ports.ts';
import * as repo from './repository.ts';
import { calendarFor, levelsOf, nextFire } from './targets.ts';

/**
 * Fires what is due. Claims due targets with FOR UPDATE SKIP LOCKED (several instances share the
 * work), records each fired level under a primary key in the same transaction as its actions.
 * Work is proportional to the number of due targets (partial index on next_fire_at).
 */
export async function sweepSla(
  sys: SystemDeps,
  tickets: SlaTicketPort,
  batchSize = 200,
): Promise<{ targets: number; fired: number }> {
  const { db, clock } = sys;
  const ctx = systemCtx(sys, 'sla');
  let targets = 0;
  let firedCount = 0;
  let cals: Map<string, BusinessCalendar> | null = null;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const now = clock.now();
      const due = await repo.claimDueTargets(tx, now, batchSize);
      if (!due.length) return 0;
      cals ??= await calendarsById(tx);
      const fired = await repo.firedLevels(
        tx,
        due.map((r) => r.id),
      );
      // Loaded once per batch: the due targets' tickets and the recipients of notifications.
      const byId = await tickets.findTickets(tx, [...new Set(due.map((r) => r.ticketId))]);
      const people: RecipientCache = new Map();
      const notices = new NoticeGroups();
      // Actions run, in their order, once every due target of the batch is written: a reassign or a
      // raised priority recomputes the ticket's targets.
      const actions: { ticket: SlaTicket; level: FiredLevel; action: EscalationAction }[] = [];
      for (const row of due) {
        const def = row.definition;
        const cal = calendarFor(cals, def, ctx.timeZone);
        const pauses = row.pauses.map((x) => ({ from: new Date(x.from), to: x.to ? new Date(x.to) : null }));
        const done = fired.get(row.id) ?? new Set<string>();
        let breached = row.breached;
        const ticket = byId.get(row.ticketId);
        if (!ticket || !row.startedAt || row.state !== 'running') {
          await repo.setFiringState(tx, row.id, { nextFireAt: null });
          continue;
        }
        for (const level of levelsOf(def)) {
          if (done.has(level.key)) continue;
          const at = levelAt(def, cal, row.startedAt, pauses, level.offsetMinutes);
          if (at > now) continue;
          const inserted = await repo.insertFiring(tx, row.id, level.key, now);
          done.add(level.key);
          if (!inserted) continue;
          firedCount++;
          await enqueueWebhookEvent(
            tx,
            ctx.db,
            level.key === 'breach'
              ? 'sla.breached'
              : level.offsetMinutes < 0
                ? 'sla.warning'
                : 'sla.escalation',
            {
              ticketId: row.ticketId,
              number: ticket.number,
              metric: row.metric,
              dueAt: row.dueAt?.toISOString() ?? null,
              level: level.key,
              offsetMinutes: level.offsetMinutes,
            },
            `sla:${row.id}:${level.key}`,
            now,
          );
          const fl: FiredLevel = { target: row, key: level.key, offsetMinutes: level.offsetMinutes };
          if (level.key === 'breach') {
            breached = true;
            // The agent is told when his ticket breaches, on the channels he chose for breaches; with
            // a level at the deadline that tells him too, it is one message.
            if (ticket.assigneeId) notices.add([ticket.assigneeId], ticket, fl, NOTIFICATION_CHANNELS);
            await writeAudit(tx, ctx, {
              action: 'sla.breached',
              entityType: 'ticket',
              entityId: row.ticketId,
              after: { metric: row.metric, dueAt: row.dueAt },
            });
            continue;
          }
          for (const action of level.actions) actions.push({ ticket, level: fl, action });
        }
        const p = { state: 'running' as const, startedAt: row.startedAt, pauses };
        await repo.setFiringState(tx, row.id, {
          breached,
          nextFireAt: nextFire(def, cal, p, done, breached),
          updatedAt: now,
        });
        await publishLive(tx, { type: 'ticket', id: row.ticketId, customerId: row.customerId });
      }
      for (const a of actions)
        await runAction(tx, ctx, tickets, a.ticket, a.level, a.action, people, notices);
      await notices.send(tx, ctx);
      await tickets.slaTargetsChanged(tx, [...byId.keys()]);
      return due.length;
    });
    targets += batch;
    if (batch < batchSize) break;
  }
  return { targets, fired: firedCount };
}
