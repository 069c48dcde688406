// The product's channels for each kind of notification, until an administrator sets the
// organisation's defaults (org-defaults.ts) or a user chooses otherwise. SLA kinds follow the seed's
// escalation ladder (sla/defaults.ts): a warning in the app, a breach also by email, an escalation to
// managers also by SMS; approvals by email too; the rest of the day's traffic in the app.
import type { TNotificationChannel, TNotificationKind } from '../../../common/notifications-api.ts';

export const DEFAULT_CHANNELS: Record<TNotificationKind, readonly TNotificationChannel[]> = {
  'tickets.assigned': ['in_app'],
  'tickets.customer-message': ['in_app'],
  'tickets.new-message': ['in_app'],
  'tickets.status-changed': ['in_app'],
  'sla.warning': ['in_app'],
  'sla.breached': ['in_app', 'email'],
  'sla.escalation': ['in_app', 'email', 'sms'],
  'field.assigned': ['in_app'],
  'field.replace-required': ['in_app'],
  'registry.warranty-expiring': ['in_app'],
  'parts.count-submitted': ['in_app', 'email'],
  'parts.reorder': ['in_app'],
  'maintenance.date-request': ['in_app', 'email'],
  // A maintenance visit near the close of its due window, and past it (to the service managers).
  'maintenance.overdue-warning': ['in_app'],
  'maintenance.overdue': ['in_app', 'email'],
  // A complaint's deadline near, and past (to the responsible person and the managers).
  'complaints.deadline-warning': ['in_app'],
  'complaints.deadline-breach': ['in_app', 'email'],
  // A follow-up (回访) near its due time (to its agent), and past it (also to the managers).
  'followups.due-soon': ['in_app'],
  'followups.overdue': ['in_app', 'email'],
  // An early warning of a recurring problem (to the quality engineers).
  'quality.alert': ['in_app', 'email'],
};
