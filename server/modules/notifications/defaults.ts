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
  // A maintenance visit near the close of its due window, and past it (to the service managers).
  'maintenance.overdue-warning': ['in_app'],
  'maintenance.overdue': ['in_app', 'email'],
};
