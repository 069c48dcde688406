// Roles and permissions: declared once here, shared by the server (checks) and the web app (navigation).

export const STAFF_ROLES = [
  'admin',
  'manager',
  'agent',
  'support_engineer',
  'field_engineer',
  'trainer',
  'storekeeper',
  'quality_engineer',
] as const;
export type TStaffRole = (typeof STAFF_ROLES)[number];

export const CUSTOMER_ROLES = ['customer_admin', 'customer_user'] as const;
export type TCustomerRole = (typeof CUSTOMER_ROLES)[number];

export const ALL_ROLES = [...STAFF_ROLES, ...CUSTOMER_ROLES] as const;
export type TRole = (typeof ALL_ROLES)[number];

export const USER_KINDS = ['staff', 'customer'] as const;
export type TUserKind = (typeof USER_KINDS)[number];

export const PERMISSIONS = [
  'profile.read',
  'profile.update',
  'users.read',
  'users.manage',
  'roles.read',
  'api_tokens.manage',
  'audit.read',
  'customers.read',
  'customers.manage',
  'files.read',
  'files.upload',
  'system.read',
  'settings.manage',
  'registry.read',
  'registry.manage',
  'products.manage',
  'contracts.read',
  'contracts.manage',
  'deposits.approve',
  'imports.run',
  'tickets.read',
  'tickets.read_all',
  'tickets.create',
  'tickets.manage',
  'tickets.internal',
  'staff.directory',
  'routing.manage',
  'canned_replies.manage',
  'sla.read',
  'sla.manage',
  'webhooks.manage',
  'mail_log.manage',
  'parts.read',
  'parts.manage',
  'stock.read_all',
  'stock.move',
  'quality.read',
  'quality.manage',
  'quality.settings',
  'quality.feedback',
  'stock.move_any',
  'stock.approve',
  'workorders.read_all',
  'workorders.dispatch',
  'workorders.work',
  'maintenance.read',
  'maintenance.manage',
  'maintenance.work',
  'maintenance.sign',
  'maintenance.review',
  'maintenance.records',
  'maintenance.visits',
  // Satisfaction surveys (满意度): the report and its answers; settings; answering in the portal.
  'surveys.read',
  'surveys.manage',
  'surveys.answer',
  // Returns (退货 / RMA): read, ask for one, inspect, approve (and accept one outside the allowed
  // days), receive the unit into stock, settings.
  'returns.read',
  'returns.request',
  'returns.inspect',
  'returns.approve',
  'returns.receive',
  'returns.manage',
  // Complaints (投诉) and improvement suggestions (改进建议), issue 17.
  'complaints.read',
  'complaints.file',
  'complaints.manage',
  'complaints.close',
  'complaints.summary',
  'complaints.settings',
  'suggestions.manage',
  // 回访: work the call list (own list), manage (assign, rules, every list), read the report.
  'followups.work',
  'followups.manage',
  'followups.report',
  'analytics.read',
  'analytics.refresh',
  // Staff performance (篇4 g.4): one's own record; everyone's (managers).
  'analytics.performance',
  'analytics.staff',
  // Reports that write themselves: read them (customers: their own projects' reports), generate them
  // and choose who receives them.
  'reports.read',
  'reports.manage',
  // Knowledge base (知识库): read (customers: public published articles only), write drafts, review
  // and publish (and keep the aliases and the list of articles that do not help).
  'knowledge.read',
  'knowledge.write',
  'knowledge.publish',
  // Training (培训): read courses, plans and sessions; run them (courses, plans, sessions, question
  // bank, marking, certificates); settings; certificates of one's organisation; enrol in the portal.
  'training.read',
  'training.manage',
  'training.settings',
  'training.certificates',
  'training.enrol',
  // A customer user's own organisation's follow-ups in the portal.
  'followups.own',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const EVERY_USER: TPermission[] = ['profile.read', 'profile.update', 'files.read', 'files.upload'];
// Least privilege: what every member of staff needs to take part in a ticket. Contracts and their
// deposit ledger, and changing tickets (status, assignee, merge, bulk assign), belong to the roles
// that run the service desk; field engineers change what they do through their work orders.
const STAFF_BASE: TPermission[] = [
  ...EVERY_USER,
  'customers.read',
  'registry.read',
  'tickets.read',
  'tickets.create',
  'tickets.internal',
  'staff.directory',
  'sla.read',
  'parts.read',
  'maintenance.read',
  'maintenance.records',
  'knowledge.read',
];
// Every ticket, not only the caller's own work: all staff but field engineers, who see the tickets
// assigned to them or linked to their work orders.
const STAFF_READS_ALL: TPermission[] = [...STAFF_BASE, 'tickets.read_all'];
// The service desk also takes complaints and works them (acceptance, investigation, handling, feedback).
const SERVICE_DESK: TPermission[] = [
  ...STAFF_READS_ALL,
  'contracts.read',
  'tickets.manage',
  'complaints.read',
  'complaints.file',
  'complaints.manage',
  'knowledge.write',
];
// Customer users report and follow their own tickets; internal notes never reach them.
const CUSTOMER_BASE: TPermission[] = [
  ...EVERY_USER,
  'customers.read',
  'registry.read',
  'contracts.read',
  'tickets.read',
  'tickets.create',
  // Maintenance records and rectification suggestions of its own; signing a record.
  'maintenance.records',
  'maintenance.sign',
  // Upcoming maintenance visits of their organisation, and asking for another date.
  'maintenance.visits',
  // Answering their organisation's satisfaction surveys in the portal.
  'surveys.answer',
  // Asking to return equipment of their own, and following the return.
  'returns.read',
  'returns.request',
  // Their own complaints and suggestions, and the answer to the feedback question.
  'complaints.read',
  'complaints.file',
  // Their own organisation's figures only (analytics confines every query to it).
  'analytics.read',
  // Their own projects' monthly service reports.
  'reports.read',
  // Public, published knowledge-base articles; the suggestions while writing a fault report.
  'knowledge.read',
  // Enrolling in public training sessions and their organisation's certificates.
  'training.enrol',
  'training.certificates',
  // Their organisation's follow-ups: scheduled, done, what was found and done about it.
  'followups.own',
];

// The service desk takes return requests and inspects the returned product (篇3 5(2)–(4)).
const RETURNS_DESK: TPermission[] = ['returns.read', 'returns.request', 'returns.inspect'];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  admin: [...PERMISSIONS],
  manager: [
    'analytics.performance',
    'analytics.staff',
    ...SERVICE_DESK,
    'quality.read',
    'quality.manage',
    'customers.manage',
    'registry.manage',
    'products.manage',
    'contracts.manage',
    'deposits.approve',
    'imports.run',
    'routing.manage',
    'canned_replies.manage',
    'sla.manage',
    'parts.manage',
    'stock.read_all',
    'stock.move',
    'stock.move_any',
    'stock.approve',
    'workorders.read_all',
    'workorders.dispatch',
    'maintenance.manage',
    'maintenance.work',
    'maintenance.sign',
    'maintenance.review',
    'surveys.read',
    'surveys.manage',
    'returns.read',
    'returns.request',
    'returns.inspect',
    'returns.approve',
    'returns.receive',
    'returns.manage',
    'complaints.close',
    'complaints.summary',
    'complaints.settings',
    'suggestions.manage',
    'followups.work',
    'followups.manage',
    'followups.report',
    'analytics.read',
    'analytics.refresh',
    'reports.read',
    'reports.manage',
    'knowledge.publish',
    'training.read',
    'training.manage',
    'training.settings',
    'training.certificates',
    'users.read',
    'roles.read',
    'audit.read',
    'system.read',
  ],
  agent: [
    'analytics.performance',
    ...SERVICE_DESK,
    'customers.manage',
    'registry.manage',
    'workorders.read_all',
    'workorders.dispatch',
    ...RETURNS_DESK,
    'followups.work',
  ],
  support_engineer: [
    'analytics.performance',
    ...SERVICE_DESK,
    'stock.read_all',
    'workorders.read_all',
    'workorders.dispatch',
    ...RETURNS_DESK,
  ],
  // On site: their own work orders and the tickets behind them, the equipment they service, their van's stock.
  field_engineer: [
    'analytics.performance',
    ...STAFF_BASE,
    'registry.manage',
    'stock.move',
    'workorders.work',
    'quality.feedback',
    'maintenance.work',
    'maintenance.sign',
  ],
  // Courses, plans, sessions, exams and certificates; writes and publishes knowledge-base articles;
  // follows training-request tickets, changes none.
  trainer: [
    'analytics.performance',
    ...STAFF_READS_ALL,
    'knowledge.write',
    'knowledge.publish',
    'training.read',
    'training.manage',
    'training.certificates',
  ],
  // Parts and stock; follows tickets without changing them.
  storekeeper: [
    'analytics.performance',
    ...STAFF_READS_ALL,
    'products.manage',
    'parts.manage',
    'stock.read_all',
    'stock.move',
    'stock.move_any',
    'returns.read',
    'returns.inspect',
    'returns.receive',
  ],
  // 质量工程师: the quality cases, the early warning and its settings, the field feedback forms.
  quality_engineer: [
    'analytics.performance',
    ...SERVICE_DESK,
    'quality.read',
    'quality.manage',
    'quality.settings',
    'audit.read',
    'surveys.read',
    ...RETURNS_DESK,
    'complaints.summary',
    'suggestions.manage',
    'followups.report',
    'analytics.read',
    'analytics.refresh',
    'reports.read',
    'knowledge.publish',
  ],
  // Customer users see only their own organisation; the data layer enforces it.
  customer_admin: CUSTOMER_BASE,
  customer_user: CUSTOMER_BASE,
};

export function permissionsOf(roles: readonly string[]): Set<TPermission> {
  const granted = new Set<TPermission>();
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role as TRole] ?? []) granted.add(permission);
  }
  return granted;
}

export function isStaffRole(role: string): role is TStaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isCustomerRole(role: string): role is TCustomerRole {
  return (CUSTOMER_ROLES as readonly string[]).includes(role);
}

/** The staff roles that hold a permission (e.g. who approves a stock count). */
export function rolesWith(permission: TPermission): TStaffRole[] {
  return STAFF_ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}
