// The SLA engine at work: a ticket's milestones and status changes go into its SLA log; its targets
// (one per metric of the policy it falls under) are recomputed from that log in the same transaction,
// every moved deadline audited; a sweeper fires the warnings and escalations that are due, each level
// exactly once (row locks + a primary key), whatever the number of instances or the downtime.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { type BusinessCalendar, calendar24x7 } from '../../../common/business-calendar.ts';
import {
  applicableTargets,
  type EscalationAction,
  type LogEntry,
  levelAt,
  projectTarget,
  raisedPriority,
  type SlaEvent,
  selectPolicy,
  type TargetDefinition,
} from '../../../common/sla-rules.ts';
import type { TicketKind, TicketStatus } from '../../../common/ticket-rules.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type Ctx, type SystemDeps, systemCtx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { enqueueWebhookEvent } from '../notifications/index.ts';
import { calendarsById, slaConfig } from './config.ts';
import { slaEvents, slaFirings, slaTargets } from './schema.ts';
import { renderNotification } from './templates.ts';

const DEFAULT_ZONE = 'Asia/Shanghai';

const calendarFor = (cals: Map<string, BusinessCalendar>, def: TargetDefinition) =>
  (def.calendarId ? cals.get(def.calendarId) : undefined) ?? calendar24x7(DEFAULT_ZONE);

type TicketInfo = {
  id: string;
  number: string;
  subject: string;
  kind: TicketKind;
  status: TicketStatus;
  priority: string;
  emergency: boolean;
  complexity: 'general' | 'complex';
  customer_id: string;
  team: string;
  assignee_id: string | null;
  watcher_ids: string[];
  version: number;
  region: string | null;
  contract_tier: string | null;
};

async function ticketInfo(tx: Executor, ticketId: string): Promise<TicketInfo | undefined> {
  return (await ticketInfos(tx, [ticketId])).get(ticketId);
}

async function ticketInfos(tx: Executor, ids: string[]): Promise<Map<string, TicketInfo>> {
  // The tier comes from the project's current contract (the latest that has started).
  const r = await tx.execute<TicketInfo>(sql`
    select t.id, t.number, t.subject, t.kind, t.status, t.priority, t.emergency, t.complexity,
      t.customer_id, t.team, t.assignee_id, t.watcher_ids, t.version,
      coalesce(p.region, c.region) as region,
      (select k.response_tier from contracts k where k.project_id = t.project_id
        order by k.start_date desc limit 1) as contract_tier
    from tickets t join customers c on c.id = t.customer_id
    left join projects p on p.id = t.project_id
    where t.id = any(${uuidArray(ids)})`);
  return new Map(r.rows.map((row) => [row.id, row]));
}

/** Appends lines to a ticket's SLA log (no recompute: call `refreshTargets` after). */
export async function logSla(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  entries: ({ event: SlaEvent; at?: Date } | { event: 'status'; status: TicketStatus; at?: Date })[],
) {
  if (!entries.length) return;
  const now = ctx.clock.now();
  await tx.insert(slaEvents).values(
    entries.map((e) => ({
      ticketId,
      event: e.event,
      status: e.event === 'status' ? e.status : null,
      at: e.at ?? now,
      recordedBy: ctx.principal.userId,
      recordedAt: now,
    })),
  );
}

/**
 * (Re)selects the ticket's policy and sets its targets: a metric the new policy also has keeps its
 * row (its start, pauses and fired levels — elapsed business time carries over) with the new
 * definition; a metric it no longer has is dropped unless already met; new metrics are added.
 */
export async function applyPolicy(tx: Executor, ctx: Ctx, ticketId: string) {
  const ticket = await ticketInfo(tx, ticketId);
  if (!ticket) return;
  const config = await slaConfig.get(ctx.db, tx);
  const policy = selectPolicy(config.policies, {
    kind: ticket.kind,
    priority: ticket.priority,
    emergency: ticket.emergency,
    complexity: ticket.complexity,
    customerId: ticket.customer_id,
    contractTier: ticket.contract_tier,
    region: ticket.region,
  });
  const defs = policy ? applicableTargets(policy, ticket.complexity) : [];
  const existing = await tx.select().from(slaTargets).where(eq(slaTargets.ticketId, ticketId));
  if (!defs.length && !existing.length) return;
  for (const row of existing) {
    if (!defs.some((d) => d.metric === row.metric) && row.state !== 'met') {
      await tx.delete(slaTargets).where(eq(slaTargets.id, row.id));
      await writeAudit(tx, ctx, {
        action: 'sla.target-removed',
        entityType: 'ticket',
        entityId: ticketId,
        before: { metric: row.metric, dueAt: row.dueAt, policyId: row.policyId },
      });
    }
  }
  const rows: TargetRow[] = [];
  for (const def of defs) {
    const row = existing.find((r) => r.metric === def.metric);
    if (!row) {
      rows.push({
        id: randomUUID(),
        ticketId,
        customerId: ticket.customer_id,
        policyId: policy!.id,
        policyVersion: policy!.version,
        metric: def.metric,
        definition: def,
        state: 'pending',
        startedAt: null,
        dueAt: null,
        warnAt: null,
        pauses: [],
        metAt: null,
        breached: false,
        breachedBy: 0,
        nextFireAt: null,
        updatedAt: ctx.clock.now(),
        isNew: true,
      } as TargetRow & { isNew: boolean });
    } else if (row.state !== 'met') {
      rows.push({ ...row, policyId: policy!.id, policyVersion: policy!.version, definition: def });
    } else {
      rows.push(row);
    }
  }
  await writeProjections(tx, ctx, ticketId, rows, existing, config.calendars);
}

/** Recomputes the ticket's targets from its log and the current calendars; audits moved deadlines. */
export async function refreshTargets(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  cals?: Map<string, BusinessCalendar>,
): Promise<number> {
  const rows = await tx.select().from(slaTargets).where(eq(slaTargets.ticketId, ticketId));
  if (!rows.length) return 0;
  return writeProjections(tx, ctx, ticketId, rows, rows, cals);
}

/**
 * Projects each target from the log and writes what changed: new targets in one insert, changed
 * ones in one update (a reply usually touches one or two of a ticket's ten targets).
 */
async function writeProjections(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  rows: TargetRow[],
  stored: TargetRow[],
  cals?: Map<string, BusinessCalendar>,
): Promise<number> {
  const now = ctx.clock.now();
  const calendars = cals ?? (await slaConfig.get(ctx.db, tx)).calendars;
  const log = await ticketLog(tx, ticketId);
  const fired = await firedLevels(
    tx,
    stored.map((r) => r.id),
  );
  let changed = 0;
  const inserts: (typeof slaTargets.$inferInsert)[] = [];
  const updates: TargetRow[] = [];
  for (const row of rows) {
    const def = row.definition as TargetDefinition;
    const cal = calendarFor(calendars, def);
    const p = projectTarget(def, log, cal, now);
    const before = stored.find((r) => r.id === row.id);
    const oldDue = before?.dueAt?.getTime() ?? null;
    const newDue = p.dueAt?.getTime() ?? null;
    // A pause takes the deadline away and the resume brings it back (later): not a change of promise.
    if (oldDue !== null && newDue !== null && oldDue !== newDue && before?.state !== 'paused') {
      changed++;
      await writeAudit(tx, ctx, {
        action: 'sla.deadline-change',
        entityType: 'ticket',
        entityId: ticketId,
        before: { metric: row.metric, dueAt: before?.dueAt },
        after: { metric: row.metric, dueAt: p.dueAt, durationMinutes: def.durationMinutes },
      });
    }
    const next: TargetRow = {
      ...row,
      state: p.state,
      startedAt: p.startedAt,
      dueAt: p.dueAt,
      warnAt: p.warnAt,
      pauses: p.pauses.map((x) => ({ from: x.from.toISOString(), to: x.to?.toISOString() ?? null })),
      metAt: p.metAt,
      // Once marked by the sweeper, a breach stays (a met-late target is breached too).
      breached: row.breached || p.breached,
      breachedBy: p.breachedBy,
      nextFireAt: nextFire(def, cal, p, fired.get(row.id) ?? new Set(), row.breached),
      updatedAt: now,
    };
    if ((row as { isNew?: boolean }).isNew) {
      const { isNew: _, ...values } = next as TargetRow & { isNew?: boolean };
      inserts.push(values);
    } else if (!before || differs(before, next)) updates.push(next);
  }
  if (inserts.length) await tx.insert(slaTargets).values(inserts);
  if (updates.length) {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    const values = sql.join(
      updates.map(
        (u) => sql`(${u.id}::uuid, ${u.state}, ${iso(u.startedAt)}::timestamptz, ${iso(u.dueAt)}::timestamptz,
          ${iso(u.warnAt)}::timestamptz, ${JSON.stringify(u.pauses)}::jsonb, ${iso(u.metAt)}::timestamptz,
          ${u.breached}::boolean, ${u.breachedBy}::int, ${iso(u.nextFireAt)}::timestamptz,
          ${JSON.stringify(u.definition)}::jsonb, ${u.policyId}::uuid, ${u.policyVersion}::int)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`update sla_targets s set state = v.state, started_at = v.started_at,
      due_at = v.due_at, warn_at = v.warn_at, pauses = v.pauses, met_at = v.met_at, breached = v.breached,
      breached_by = v.breached_by, next_fire_at = v.next_fire_at, definition = v.definition,
      policy_id = v.policy_id, policy_version = v.policy_version, updated_at = ${now}
      from (values ${values}) as v(id, state, started_at, due_at, warn_at, pauses, met_at, breached,
        breached_by, next_fire_at, definition, policy_id, policy_version)
      where s.id = v.id`);
  }
  return changed;
}

const time = (d: Date | null) => d?.getTime() ?? null;
function differs(a: TargetRow, b: TargetRow): boolean {
  return (
    a.state !== b.state ||
    time(a.startedAt) !== time(b.startedAt) ||
    time(a.dueAt) !== time(b.dueAt) ||
    time(a.warnAt) !== time(b.warnAt) ||
    time(a.metAt) !== time(b.metAt) ||
    time(a.nextFireAt) !== time(b.nextFireAt) ||
    a.breached !== b.breached ||
    a.breachedBy !== b.breachedBy ||
    a.policyId !== b.policyId ||
    stable(a.pauses) !== stable(b.pauses) ||
    stable(a.definition) !== stable(b.definition)
  );
}

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

async function ticketLog(tx: Executor, ticketId: string): Promise<LogEntry[]> {
  const rows = await tx
    .select()
    .from(slaEvents)
    .where(eq(slaEvents.ticketId, ticketId))
    .orderBy(asc(slaEvents.at), asc(slaEvents.id));
  return rows.map((r) =>
    r.event === 'status'
      ? { event: 'status' as const, status: r.status as TicketStatus, at: r.at }
      : { event: r.event as SlaEvent, at: r.at },
  );
}

async function firedLevels(tx: Executor, targetIds: string[]) {
  const out = new Map<string, Set<string>>();
  if (!targetIds.length) return out;
  const rows = await tx.select().from(slaFirings).where(inArray(slaFirings.targetId, targetIds));
  for (const r of rows) {
    if (!out.has(r.targetId)) out.set(r.targetId, new Set());
    out.get(r.targetId)!.add(r.level);
  }
  return out;
}

/** The levels of a target: the breach itself at the deadline, then each escalation level. */
function levelsOf(def: TargetDefinition) {
  return [
    { key: 'breach', offsetMinutes: 0, actions: [] as EscalationAction[] },
    ...def.escalations
      .map((l, i) => ({ key: `L${i}`, offsetMinutes: l.offsetMinutes, actions: l.actions }))
      // A warning "30 min before" a 15-minute target would come at its start: it does not apply.
      .filter((l) => def.durationMinutes + l.offsetMinutes > 0),
  ];
}

function nextFire(
  def: TargetDefinition,
  cal: BusinessCalendar,
  p: Pick<ReturnType<typeof projectTarget>, 'state' | 'startedAt' | 'pauses'>,
  fired: Set<string>,
  breached: boolean,
): Date | null {
  if (p.state !== 'running' || !p.startedAt) return null;
  let next: Date | null = null;
  for (const level of levelsOf(def)) {
    if (fired.has(level.key) || (level.key === 'breach' && breached)) continue;
    const at = levelAt(def, cal, p.startedAt, p.pauses, level.offsetMinutes);
    if (!next || at < next) next = at;
  }
  return next;
}

// ---------- the sweeper ----------

/**
 * Fires what is due. Claims due targets with FOR UPDATE SKIP LOCKED (several instances share the
 * work), records each fired level under a primary key in the same transaction as its actions.
 * Work is proportional to the number of due targets (partial index on next_fire_at).
 */
export async function sweepSla(
  sys: SystemDeps,
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
      const due = await tx
        .select()
        .from(slaTargets)
        .where(and(isNotNull(slaTargets.nextFireAt), lte(slaTargets.nextFireAt, now)))
        .orderBy(asc(slaTargets.nextFireAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (!due.length) return 0;
      cals ??= await calendarsById(tx);
      const fired = await firedLevels(
        tx,
        due.map((r) => r.id),
      );
      const reapply = new Set<string>();
      // Loaded once per batch: the due targets' tickets, whether anyone listens by webhook, recipients.
      const tickets = await ticketInfos(tx, [...new Set(due.map((r) => r.ticketId))]);
      const [hooks] = (
        await tx.execute<{ any: boolean }>(sql`select exists (select 1 from webhooks where active) as any`)
      ).rows;
      const people = new Map<string, Recipient[]>();
      for (const row of due) {
        const def = row.definition as TargetDefinition;
        const cal = calendarFor(cals, def);
        const pauses = (row.pauses as { from: string; to: string | null }[]).map((x) => ({
          from: new Date(x.from),
          to: x.to ? new Date(x.to) : null,
        }));
        const done = fired.get(row.id) ?? new Set<string>();
        let breached = row.breached;
        const ticket = tickets.get(row.ticketId);
        if (!ticket || !row.startedAt || row.state !== 'running') {
          await tx.update(slaTargets).set({ nextFireAt: null }).where(eq(slaTargets.id, row.id));
          continue;
        }
        for (const level of levelsOf(def)) {
          if (done.has(level.key)) continue;
          const at = levelAt(def, cal, row.startedAt, pauses, level.offsetMinutes);
          if (at > now) continue;
          const inserted = await tx
            .insert(slaFirings)
            .values({ targetId: row.id, level: level.key, firedAt: now })
            .onConflictDoNothing()
            .returning();
          done.add(level.key);
          if (!inserted.length) continue;
          firedCount++;
          if (hooks?.any)
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
          if (level.key === 'breach') {
            breached = true;
            await writeAudit(tx, ctx, {
              action: 'sla.breached',
              entityType: 'ticket',
              entityId: row.ticketId,
              after: { metric: row.metric, dueAt: row.dueAt },
            });
            continue;
          }
          for (const action of level.actions) {
            if (await runAction(tx, ctx, ticket, row, level.key, level.offsetMinutes, action, people))
              reapply.add(row.ticketId);
          }
        }
        const p = { state: 'running' as const, startedAt: row.startedAt, pauses };
        await tx
          .update(slaTargets)
          .set({ breached, nextFireAt: nextFire(def, cal, p, done, breached), updatedAt: now })
          .where(eq(slaTargets.id, row.id));
        await publishLive(tx, { type: 'ticket', id: row.ticketId, customerId: row.customerId });
      }
      // Raising the priority may put the ticket under another policy.
      for (const ticketId of reapply) await applyPolicy(tx, ctx, ticketId);
      return due.length;
    });
    targets += batch;
    if (batch < batchSize) break;
  }
  return { targets, fired: firedCount };
}

type TargetRow = typeof slaTargets.$inferSelect;

/** Performs one escalation action; true when the ticket's policy may have to be re-selected. */
async function runAction(
  tx: Executor,
  ctx: Ctx,
  ticket: TicketInfo,
  target: TargetRow,
  level: string,
  offsetMinutes: number,
  action: EscalationAction,
  people: Map<string, Recipient[]>,
): Promise<boolean> {
  const now = ctx.clock.now();
  if (action.type === 'notify') {
    const who = `${action.to}:${ticket.team}:${ticket.assignee_id}:${ticket.watcher_ids.join()}`;
    let recipients = people.get(who);
    if (!recipients) {
      recipients = await recipientsOf(tx, ticket, action.to);
      people.set(who, recipients);
    }
    const template =
      offsetMinutes < 0 ? 'sla.warning' : offsetMinutes === 0 ? 'sla.breached' : 'sla.escalation';
    const payload = {
      ticketId: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      metric: target.metric,
      dueAt: target.dueAt?.toISOString() ?? null,
      level,
      offsetMinutes,
    };
    for (const user of recipients) {
      for (const channel of action.channels) {
        const address = channel === 'in_app' ? user.id : channel === 'email' ? user.email : user.phone;
        if (!address) continue;
        const rendered = renderNotification(template, user.locale, { ...payload, timeZone: user.time_zone });
        await enqueueMessage(
          tx,
          {
            channel,
            recipient: address,
            template,
            payload: { ...payload, subject: rendered.subject, text: rendered.text },
            dedupeKey: `sla:${target.id}:${level}:${user.id}:${channel}`,
          },
          now,
        );
      }
    }
    return false;
  }
  if (action.type === 'reassign') {
    const [user] = (
      await tx.execute<{ id: string }>(
        sql`select id from users where id = ${action.userId} and kind = 'staff' and not disabled`,
      )
    ).rows;
    if (!user || ticket.assignee_id === user.id) return false;
    await tx.execute(sql`update tickets set assignee_id = ${user.id}, version = version + 1,
      updated_at = ${now} where id = ${ticket.id}`);
    await writeAudit(tx, ctx, {
      action: 'ticket.update',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { assigneeId: ticket.assignee_id },
      after: { assigneeId: user.id, reason: `sla ${target.metric} ${level}` },
    });
    await enqueueMessage(
      tx,
      {
        channel: 'in_app',
        recipient: user.id,
        template: 'tickets.assigned',
        payload: { ticketId: ticket.id, number: ticket.number, subject: ticket.subject },
        dedupeKey: `sla-reassign:${target.id}:${level}`,
      },
      now,
    );
    ticket.assignee_id = user.id;
    return false;
  }
  const priority = raisedPriority(ticket.priority);
  if (priority === ticket.priority) return false;
  await tx.execute(sql`update tickets set priority = ${priority}, version = version + 1,
    updated_at = ${now} where id = ${ticket.id}`);
  await writeAudit(tx, ctx, {
    action: 'ticket.update',
    entityType: 'ticket',
    entityId: ticket.id,
    before: { priority: ticket.priority },
    after: { priority, reason: `sla ${target.metric} ${level}` },
  });
  ticket.priority = priority;
  return true;
}

type Recipient = {
  id: string;
  email: string | null;
  phone: string | null;
  locale: string;
  time_zone: string;
};

async function recipientsOf(tx: Executor, ticket: TicketInfo, to: string): Promise<Recipient[]> {
  type U = Recipient;
  const staff = sql`kind = 'staff' and not disabled`;
  if (to === 'assignee' && ticket.assignee_id)
    return (
      await tx.execute<U>(sql`select id, email, phone, locale, time_zone from users
      where id = ${ticket.assignee_id} and ${staff}`)
    ).rows;
  if (to === 'watchers')
    return (
      await tx.execute<U>(sql`select id, email, phone, locale, time_zone from users
      where id = any(${uuidArray(ticket.watcher_ids)}) and ${staff}`)
    ).rows;
  // Unassigned, "assignee" falls back to the team.
  const role = to === 'managers' ? 'manager' : ticket.team;
  return (
    await tx.execute<U>(sql`select id, email, phone, locale, time_zone from users
    where ${role} = any(roles) and ${staff} order by username limit 50`)
  ).rows;
}

// ---------- recompute from history ----------

/** Recomputes the targets of one ticket, or of the tickets created in a range (a repair tool). */
export async function recomputeFromHistory(
  ctx: Ctx,
  input: { ticketId?: string; ticketNumber?: string; from?: Date; to?: Date },
  limit = 5000,
) {
  if (input.ticketNumber) {
    const [found] = (
      await ctx.db.execute<{ id: string }>(sql`select id from tickets where number = ${input.ticketNumber}`)
    ).rows;
    if (!found) throw invalidField('ticketNumber', 'no such ticket');
    input = { ticketId: found.id };
  }
  const ids = input.ticketId
    ? [input.ticketId]
    : (
        await ctx.db.execute<{ id: string }>(sql`select id from tickets
          where created_at >= ${input.from!} and created_at < ${input.to!}
          order by created_at limit ${limit + 1}`)
      ).rows.map((r) => r.id);
  const truncated = ids.length > limit;
  let changed = 0;
  const cals = await calendarsById(ctx.db);
  for (const id of ids.slice(0, limit)) {
    changed += await ctx.db.transaction((tx) => refreshTargets(tx, ctx, id, cals));
  }
  await writeAudit(ctx.db, ctx, {
    action: 'sla.recompute',
    entityType: 'sla',
    entityId: input.ticketId ?? null,
    after: {
      from: input.from ?? null,
      to: input.to ?? null,
      tickets: Math.min(ids.length, limit),
      deadlinesChanged: changed,
    },
  });
  return { tickets: Math.min(ids.length, limit), deadlinesChanged: changed, truncated };
}

// ---------- reading ----------

export async function targetsOf(tx: Executor, ticketId: string) {
  return tx
    .select()
    .from(slaTargets)
    .where(eq(slaTargets.ticketId, ticketId))
    .orderBy(asc(slaTargets.startedAt), asc(slaTargets.metric));
}
