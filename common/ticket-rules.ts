// Pure rules of tickets: number series, statuses and their categories, allowed transitions, routing.
export const TICKET_KINDS = [
  'consultation',
  'fault_report',
  'complaint',
  'return_request',
  'training_request',
  'other',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_CHANNELS = ['phone', 'email', 'portal', 'chat', 'api', 'qr'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Readable number series per kind: 咨询 ZX, 报修 BX, 投诉 TS, 退货 TH, 培训 PX, 其他 QT. */
export const NUMBER_PREFIX: Record<TicketKind, string> = {
  consultation: 'ZX',
  fault_report: 'BX',
  complaint: 'TS',
  return_request: 'TH',
  training_request: 'PX',
  other: 'QT',
};

export type StatusCategory = 'open' | 'waiting' | 'resolved' | 'closed';
export const STATUS_CATEGORY: Record<TicketStatus, StatusCategory> = {
  new: 'open',
  assigned: 'open',
  in_progress: 'open',
  waiting_customer: 'waiting',
  resolved: 'resolved',
  closed: 'closed',
};

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned', 'in_progress', 'waiting_customer', 'resolved', 'closed'],
  assigned: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['assigned', 'waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  // A resolved or closed ticket is reopened (投诉 "reopened until satisfied").
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

/**
 * Default routing (篇1 四.1: consultations go to a support engineer within the handoff target; fault
 * reports start with remote diagnosis by a support engineer; complaints and returns to the service
 * manager; training requests to a trainer).
 */
export const DEFAULT_ROUTING: Record<TicketKind, string> = {
  consultation: 'support_engineer',
  fault_report: 'support_engineer',
  complaint: 'manager',
  return_request: 'manager',
  training_request: 'trainer',
  other: 'agent',
};

export interface RoutingRule {
  position: number;
  active: boolean;
  kind: TicketKind | null;
  faultCategory: string | null;
  productCategory: string | null;
  region: string | null;
  team: string;
  assigneeId: string | null;
}

export interface RoutingFacts {
  kind: TicketKind;
  faultCategory: string | null;
  productCategories: string[];
  region: string | null;
}

/** The first active rule whose every condition matches; otherwise the kind's default team. */
export function routeTicket(
  rules: readonly RoutingRule[],
  facts: RoutingFacts,
): { team: string; assigneeId: string | null; rule: number | null } {
  const sorted = [...rules].filter((r) => r.active).sort((a, b) => a.position - b.position);
  for (const r of sorted) {
    if (r.kind && r.kind !== facts.kind) continue;
    if (r.faultCategory && r.faultCategory !== facts.faultCategory) continue;
    if (r.productCategory && !facts.productCategories.includes(r.productCategory)) continue;
    if (r.region && r.region !== facts.region) continue;
    return { team: r.team, assigneeId: r.assigneeId, rule: r.position };
  }
  return { team: DEFAULT_ROUTING[facts.kind], assigneeId: null, rule: null };
}

/**
 * The queue a staff member's ticket list opens on (the web's list and the server's first page); one of
 * tickets-api.ts's TICKET_QUEUES, kept here so the web's entry imports no schema for it.
 */
export const DEFAULT_STAFF_QUEUE = 'unassigned';
