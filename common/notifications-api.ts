// Notification kinds and channels, and the API of a user's own notification preferences.
import { z } from 'zod';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms'] as const;
export const ZNotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

/**
 * Every kind of message the product sends to staff, each one a user chooses channels for. The kind is
 * the template of the message; SLA levels offer the channels their policy lists and the user's choice
 * picks among them. (Messages to customers — the public reply, the repair report — go to the
 * customer's address, not to a user, and are not listed.)
 */
export const NOTIFICATION_KINDS = [
  'tickets.assigned',
  'tickets.customer-message',
  'tickets.new-message',
  'tickets.status-changed',
  'sla.warning',
  'sla.breached',
  'sla.escalation',
  'field.assigned',
  'field.replace-required',
  'registry.warranty-expiring',
  'parts.count-submitted',
  'parts.reorder',
  'maintenance.date-request',
  'maintenance.overdue-warning',
  'maintenance.overdue',
  'complaints.deadline-warning',
  'complaints.deadline-breach',
  'followups.due-soon',
  'followups.overdue',
  'quality.alert',
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

const ZChannels = z
  .array(ZNotificationChannel)
  .max(NOTIFICATION_CHANNELS.length)
  .refine((c) => new Set(c).size === c.length, 'a channel is listed twice');

export const ZNotificationPreference = z.object({
  kind: ZNotificationKind,
  channels: z.array(ZNotificationChannel),
  /** The organisation's default for the kind (an administrator's, else the product's), what the user gets until they choose. */
  defaultChannels: z.array(ZNotificationChannel),
  customised: z.boolean(),
});
export type TNotificationPreference = z.infer<typeof ZNotificationPreference>;

export const ZNotificationPreferences = z.object({
  /** 0 until the user first saves; a PUT names the version it read. */
  version: z.int().min(0),
  items: z.array(ZNotificationPreference),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

export const ZPutNotificationPreferencesRequest = z.strictObject({
  version: z.int().min(0).max(2_147_483_647),
  /** The kinds named are set; a kind not named keeps its current choice. `null` goes back to the default. */
  items: z
    .array(z.strictObject({ kind: ZNotificationKind, channels: ZChannels.nullable() }))
    .min(1)
    .max(NOTIFICATION_KINDS.length)
    .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, 'a kind is listed twice'),
});
export type TPutNotificationPreferencesRequest = z.infer<typeof ZPutNotificationPreferencesRequest>;

/** The organisation's defaults per kind, as an administrator sees them. */
export const ZNotificationDefault = z.object({
  kind: ZNotificationKind,
  /** What users who have not chosen get. */
  channels: z.array(ZNotificationChannel),
  /** The product's own default for the kind. */
  productChannels: z.array(ZNotificationChannel),
  /** Set by an administrator (not the product's default). */
  customised: z.boolean(),
});
export type TNotificationDefault = z.infer<typeof ZNotificationDefault>;
export const ZNotificationDefaults = z.object({
  /** 0 until first saved; a PUT names the version it read. */
  version: z.int().min(0),
  items: z.array(ZNotificationDefault),
});
export type TNotificationDefaults = z.infer<typeof ZNotificationDefaults>;
/** The kinds named are set; `null` goes back to the product's default. */
export const ZPutNotificationDefaultsRequest = ZPutNotificationPreferencesRequest;
export type TPutNotificationDefaultsRequest = TPutNotificationPreferencesRequest;
