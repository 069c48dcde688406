// API shapes of the SLA engine: policies, a ticket's targets, milestones, recompute.
import { z } from 'zod';
import { MANUAL_SLA_EVENTS, NOTIFY_CHANNELS, NOTIFY_RECIPIENTS, SLA_EVENTS } from './sla-rules.ts';
import { TICKET_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from './ticket-rules.ts';

const ZUuid = z.uuid();

export const ZEscalationAction = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('notify'),
    to: z.enum(NOTIFY_RECIPIENTS),
    channels: z.array(z.enum(NOTIFY_CHANNELS)).min(1).max(3),
  }),
  z.strictObject({ type: z.literal('reassign'), userId: ZUuid }),
  z.strictObject({ type: z.literal('raise_priority') }),
]);

export const ZTargetDefinition = z.strictObject({
  metric: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
  start: z.enum(SLA_EVENTS),
  stop: z.array(z.enum(SLA_EVENTS)).min(1).max(12),
  pauseStatuses: z.array(z.enum(TICKET_STATUSES)).max(6).default(['waiting_customer']),
  durationMinutes: z
    .int()
    .min(1)
    .max(366 * 24 * 60),
  calendarId: ZUuid.nullable().default(null),
  warnMinutes: z.int().min(0).default(0),
  complexity: z.enum(['general', 'complex']).nullable().optional(),
  escalations: z
    .array(
      z.strictObject({
        offsetMinutes: z
          .int()
          .min(-30 * 24 * 60)
          .max(30 * 24 * 60),
        actions: z.array(ZEscalationAction).min(1).max(5),
      }),
    )
    .max(6)
    .default([]),
});

export const ZPolicyConditions = z.strictObject({
  kinds: z.array(z.enum(TICKET_KINDS)).max(6).optional(),
  priorities: z.array(z.enum(TICKET_PRIORITIES)).max(4).optional(),
  emergency: z.boolean().nullable().optional(),
  complexities: z
    .array(z.enum(['general', 'complex']))
    .max(2)
    .optional(),
  customerIds: z.array(ZUuid).max(500).optional(),
  contractTiers: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  regions: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
});

export const ZPolicyFields = {
  name: z.string().trim().min(1).max(120),
  position: z.int().min(0).max(100000),
  active: z.boolean().default(true),
  isDefault: z.boolean().default(false),
  conditions: ZPolicyConditions,
  targets: z.array(ZTargetDefinition).min(1).max(30),
};

export const ZPolicy = z.object({
  id: z.string(),
  name: z.string(),
  position: z.int(),
  active: z.boolean(),
  isDefault: z.boolean(),
  conditions: ZPolicyConditions,
  targets: z.array(ZTargetDefinition),
  version: z.int(),
  updatedAt: z.string(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

export const ZSlaTarget = z.object({
  metric: z.string(),
  state: z.enum(['pending', 'running', 'paused', 'met', 'cancelled']),
  durationMinutes: z.int(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  metAt: z.string().nullable(),
  breached: z.boolean(),
  /** Business seconds past the deadline (at the stop; for running targets the client counts on). */
  breachedBy: z.int(),
});
export type TSlaTarget = z.infer<typeof ZSlaTarget>;

export const ZMilestoneRequest = z.strictObject({
  event: z.enum(MANUAL_SLA_EVENTS),
  /** When it happened (a phone that was offline syncs later with the moment of the act). */
  at: z.iso.datetime({ offset: true }).optional(),
});

/**
 * `history` (default) replays each ticket's log with the definitions it was promised; `current-policy`
 * reselects the policy as it is now (after a corrected target): a preview until `confirm` is true.
 */
const ZRecomputeOptions = {
  mode: z.enum(['history', 'current-policy']).optional(),
  confirm: z.boolean().optional(),
};

export const ZRecomputeRequest = z.union([
  z.strictObject({ ticketId: ZUuid, ...ZRecomputeOptions }),
  z.strictObject({ ticketNumber: z.string().trim().min(3).max(40), ...ZRecomputeOptions }),
  z.strictObject({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    ...ZRecomputeOptions,
  }),
]);
export type TRecomputeRequest = z.infer<typeof ZRecomputeRequest>;

/** A deadline that moves (null: the target has none, or is added/removed by the policy). */
export const ZRecomputeChange = z.object({
  ticketNumber: z.string(),
  metric: z.string(),
  dueAtBefore: z.string().nullable(),
  dueAtAfter: z.string().nullable(),
});
export type TRecomputeChange = z.infer<typeof ZRecomputeChange>;

export const ZRecomputeResponse = z.object({
  mode: z.enum(['history', 'current-policy']),
  /** False for a preview of `current-policy`: nothing was changed. */
  applied: z.boolean(),
  tickets: z.int(),
  deadlinesChanged: z.int(),
  truncated: z.boolean(),
  /** For `current-policy`: the moved deadlines (the first 200). */
  changes: z.array(ZRecomputeChange),
});
export type TRecomputeResponse = z.infer<typeof ZRecomputeResponse>;
