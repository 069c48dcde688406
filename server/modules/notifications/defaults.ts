// The channels each kind of notification goes out on until a user chooses otherwise. SLA kinds
// follow the seed's escalation ladder (sla/defaults.ts): a warning in the app, a breach also by
// email, an escalation to managers also by SMS; approvals and reorder alerts in the app and by email.
import type { TNotificationChannel, TNotificationKind } from '../../../common/notifications-api.ts';

export const DEFAULT_CHANNELS: Record<TNotificationKind, readonly TNotificationChannel[]> = {
  'sla.warning': ['in_app'],
  'sla.breached': ['in_app', 'email'],
  'sla.escalation': ['in_app', 'email', 'sms'],
  'parts.count-submitted': ['in_app', 'email'],
  'parts.reorder': ['in_app'],
  'maintenance.date-request': ['in_app', 'email'],
};
