// What a customer (业主) sees of a ticket's progress, and the portal's fault-form rules. Pure: the
// server filters its answers with them, the web app words them.
import type { SlaEvent } from './sla-rules.ts';
import type { TicketStatus } from './ticket-rules.ts';

/**
 * Steps of the ticket's log a customer is told about. The hand-over to a support engineer (转交技术支持)
 * is the service department's own step, and so are status changes (only their outcome is told).
 */
export const CUSTOMER_STEPS = [
  'created',
  'first_public_reply',
  'diagnosed',
  'remote_fix_attempted',
  'dispatched',
  'arrived_on_site',
  'onsite_diagnosed',
  'temporary_solution',
  'resolved',
  'closed',
  'follow_up_done',
] as const satisfies readonly SlaEvent[];
export type CustomerStep = (typeof CUSTOMER_STEPS)[number];

export const isCustomerStep = (event: string): event is CustomerStep =>
  (CUSTOMER_STEPS as readonly string[]).includes(event);

/** SLA targets that measure the department's internal steps: not promises made to the customer. */
export const INTERNAL_SLA_METRICS: readonly string[] = ['handed_over'];

/**
 * The status as the customer knows it: being assigned or worked on is one state to the customer
 * (内部的分派、处理中之间的变化不对客户显示).
 */
export type CustomerStatus = 'received' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed';
export const CUSTOMER_STATUS: Record<TicketStatus, CustomerStatus> = {
  new: 'received',
  assigned: 'in_progress',
  in_progress: 'in_progress',
  waiting_customer: 'waiting_customer',
  resolved: 'resolved',
  closed: 'closed',
};

/**
 * The urgency a customer chooses on the fault form, as the ticket's priority and emergency flag
 * (紧急故障 selects the emergency SLA policy: on site in 8 h).
 */
export const URGENCIES = ['normal', 'high', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_FIELDS: Record<Urgency, { priority: 'normal' | 'high' | 'urgent'; emergency: boolean }> =
  {
    normal: { priority: 'normal', emergency: false },
    high: { priority: 'high', emergency: false },
    emergency: { priority: 'urgent', emergency: true },
  };

/**
 * A phone number a person can be called back on: digits with the usual separators (+, spaces, -,
 * parentheses), 7 to 15 digits (E.164's maximum), e.g. 13800138000, 0571-8765 4321, +86 138 0013 8000.
 */
export function isCallablePhone(value: string): boolean {
  if (!/^\+?[0-9 ()-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}
