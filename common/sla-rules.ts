// The SLA engine's pure rules: which policy a ticket falls under, and — from the ticket's event log
// (milestones and status changes) — the state of each target: started, paused, due, warned, met,
// breached and by how much, all in business time on the target's calendar. The stored targets are a
// projection of the log, so they can always be recomputed from history.
import {
  addBusinessSeconds,
  type BusinessCalendar,
  businessSecondsBetween,
  dueWithPauses,
  elapsedWithPauses,
  type Pause,
} from './business-calendar.ts';
import type { TicketKind, TicketStatus } from './ticket-rules.ts';

/** Moments a target can start or stop at. The field service module emits the on-site ones. */
export const SLA_EVENTS = [
  'created',
  'first_public_reply',
  'handed_over',
  'diagnosed',
  'remote_fix_attempted',
  'dispatched',
  'arrived_on_site',
  'onsite_diagnosed',
  'temporary_solution',
  'resolved',
  'closed',
  'follow_up_done',
] as const;
export type SlaEvent = (typeof SLA_EVENTS)[number];

/** Milestones staff record by hand on a ticket (the others follow from what happens to it). */
export const MANUAL_SLA_EVENTS = [
  'diagnosed',
  'remote_fix_attempted',
  'dispatched',
  'arrived_on_site',
  'onsite_diagnosed',
  'temporary_solution',
  'follow_up_done',
] as const satisfies readonly SlaEvent[];

export const NOTIFY_CHANNELS = ['in_app', 'email', 'sms'] as const;
export const NOTIFY_RECIPIENTS = ['assignee', 'team', 'managers', 'watchers'] as const;

export type EscalationAction =
  | {
      type: 'notify';
      to: (typeof NOTIFY_RECIPIENTS)[number];
      channels: (typeof NOTIFY_CHANNELS)[number][];
    }
  | { type: 'reassign'; userId: string }
  | { type: 'raise_priority' };

export interface EscalationLevel {
  /** Business minutes from the deadline: −30 is half an hour before it, 120 two hours after. */
  offsetMinutes: number;
  actions: EscalationAction[];
}

export interface TargetDefinition {
  /** e.g. first_response, on_site. Unique within a policy. */
  metric: string;
  start: SlaEvent;
  stop: SlaEvent[];
  /** Statuses during which the clock stops (e.g. waiting on the customer). */
  pauseStatuses: TicketStatus[];
  durationMinutes: number;
  /** null: the default calendar (7×24 in the policy's zone). */
  calendarId: string | null;
  /** The target counts as "breaching soon" this many business minutes before its deadline. */
  warnMinutes: number;
  /** Applies only to tickets of this complexity (general 8 h, complex 24 h …). */
  complexity?: 'general' | 'complex' | null;
  escalations: EscalationLevel[];
}

export interface PolicyConditions {
  kinds?: TicketKind[];
  priorities?: ('low' | 'normal' | 'high' | 'urgent')[];
  emergency?: boolean | null;
  complexities?: ('general' | 'complex')[];
  customerIds?: string[];
  contractTiers?: string[];
  regions?: string[];
}

export interface Policy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  isDefault: boolean;
  conditions: PolicyConditions;
  targets: TargetDefinition[];
  version: number;
}

export interface TicketFacts {
  kind: TicketKind;
  priority: string;
  emergency: boolean;
  complexity: 'general' | 'complex';
  customerId: string;
  contractTier: string | null;
  region: string | null;
}

const within = <T>(list: readonly T[] | undefined, value: T | null) =>
  !list?.length || (value !== null && list.includes(value));

export function policyMatches(c: PolicyConditions, t: TicketFacts): boolean {
  return (
    within(c.kinds, t.kind) &&
    within(c.priorities, t.priority) &&
    (c.emergency === undefined || c.emergency === null || c.emergency === t.emergency) &&
    within(c.complexities, t.complexity) &&
    within(c.customerIds, t.customerId) &&
    within(c.contractTiers, t.contractTier) &&
    within(c.regions, t.region)
  );
}

/** The first active policy (by position) whose conditions all match; else the default one. */
export function selectPolicy<P extends Policy>(policies: readonly P[], facts: TicketFacts): P | null {
  const active = [...policies].filter((p) => p.active).sort((a, b) => a.position - b.position);
  return (
    active.find((p) => !p.isDefault && policyMatches(p.conditions, facts)) ??
    active.find((p) => p.isDefault) ??
    null
  );
}

/** The targets of a policy that apply to a ticket of this complexity. */
export function applicableTargets(policy: Policy, complexity: 'general' | 'complex'): TargetDefinition[] {
  return policy.targets.filter((t) => !t.complexity || t.complexity === complexity);
}

/** A line of a ticket's SLA log: a milestone, or the status it moved to. */
export type LogEntry = { at: Date } & ({ event: SlaEvent } | { event: 'status'; status: TicketStatus });

export type TargetState = 'pending' | 'running' | 'paused' | 'met' | 'cancelled';

export interface TargetProjection {
  state: TargetState;
  startedAt: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  pauses: Pause[];
  metAt: Date | null;
  breached: boolean;
  /** Business seconds past the deadline (at the stop, or now while running). */
  breachedBy: number;
  /** Business seconds counted so far (pauses excluded). */
  elapsed: number;
}

/**
 * Replays the log (in time order) for one target. A target starts at the first start event; each
 * status in its pause list opens a pause that the next other status closes; the first stop event
 * after the start (or the resolution of the ticket) meets it. A target that never started is
 * cancelled once the ticket is resolved or closed.
 */
export function projectTarget(
  def: TargetDefinition,
  log: readonly LogEntry[],
  cal: BusinessCalendar,
  now: Date,
): TargetProjection {
  let startedAt: Date | null = null;
  let metAt: Date | null = null;
  let status: TicketStatus | null = null;
  const pauses: Pause[] = [];
  // Resolving or closing the ticket ends every target that runs toward it (a ticket solved without
  // a reply was still answered); targets that start there (the follow-up) end at their own events.
  const afterResolution = def.start === 'resolved' || def.start === 'closed';
  const stops: readonly string[] = afterResolution ? def.stop : [...def.stop, 'resolved', 'closed'];
  const sorted = [...log].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const entry of sorted) {
    if (entry.at > now) break;
    if (entry.event === 'status') {
      status = entry.status;
      if (startedAt && !metAt) {
        const open = pauses.at(-1);
        const pausing = def.pauseStatuses.includes(status);
        if (pausing && !(open && open.to === null)) pauses.push({ from: entry.at, to: null });
        if (!pausing && open && open.to === null) open.to = entry.at;
      }
      continue;
    }
    if (metAt) continue;
    if (!startedAt && entry.event === def.start) {
      startedAt = entry.at;
      if (status && def.pauseStatuses.includes(status)) pauses.push({ from: entry.at, to: null });
      // A stop event in the same instant as the start (e.g. created already resolved) meets it at once.
    }
    if (startedAt && stops.includes(entry.event)) {
      metAt = entry.at;
      const open = pauses.at(-1);
      if (open && open.to === null) open.to = entry.at;
    }
  }
  const seconds = def.durationMinutes * 60;
  if (!startedAt) {
    return {
      state: status === 'closed' || (status === 'resolved' && !afterResolution) ? 'cancelled' : 'pending',
      startedAt: null,
      dueAt: null,
      warnAt: null,
      pauses: [],
      metAt: null,
      breached: false,
      breachedBy: 0,
      elapsed: 0,
    };
  }
  const at = metAt ?? now;
  const elapsed = elapsedWithPauses(cal, startedAt, pauses, at);
  const paused = pauses.some((p) => p.to === null);
  const dueAt = dueWithPauses(cal, startedAt, seconds, pauses, at);
  const pausedSeconds = pauses.reduce((s, p) => s + businessSecondsBetween(cal, p.from, p.to ?? at), 0);
  const warnAt = paused
    ? null
    : addBusinessSeconds(cal, startedAt, Math.max(0, seconds + pausedSeconds - def.warnMinutes * 60));
  const breachedBy = Math.max(0, elapsed - seconds);
  return {
    state: metAt ? 'met' : paused ? 'paused' : 'running',
    startedAt,
    dueAt,
    warnAt,
    pauses,
    metAt,
    breached: elapsed > seconds || (!metAt && !paused && dueAt !== null && dueAt <= now),
    breachedBy,
    elapsed,
  };
}

/** When an escalation level (offset from the deadline, in business minutes) falls due. */
export function levelAt(
  def: TargetDefinition,
  cal: BusinessCalendar,
  startedAt: Date,
  pauses: readonly Pause[],
  offsetMinutes: number,
): Date {
  const pausedSeconds = pauses.reduce((s, p) => s + businessSecondsBetween(cal, p.from, p.to ?? p.from), 0);
  return addBusinessSeconds(
    cal,
    startedAt,
    Math.max(0, def.durationMinutes * 60 + pausedSeconds + offsetMinutes * 60),
  );
}

export const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const;

export function raisedPriority(p: string): (typeof PRIORITY_ORDER)[number] {
  const i = PRIORITY_ORDER.indexOf(p as never);
  return PRIORITY_ORDER[Math.min(PRIORITY_ORDER.length - 1, Math.max(0, i) + 1)]!;
}
