// Every table, for drizzle-kit (migrations) and the typed query builder.

export * from '../modules/accounts/schema.ts';
export * from '../modules/analytics/schema.ts';
export * from '../modules/complaints/schema.ts';
export * from '../modules/field/schema.ts';
export * from '../modules/followups/schema.ts';
export * from '../modules/knowledge/schema.ts';
export * from '../modules/labels/schema.ts';
export * from '../modules/maintenance/schema.ts';
export * from '../modules/notifications/schema.ts';
export * from '../modules/parts/schema.ts';
export * from '../modules/quality/schema.ts';
export * from '../modules/registry/schema.ts';
export * from '../modules/reports/schema.ts';
export * from '../modules/returns/schema.ts';
export * from '../modules/sla/schema.ts';
export * from '../modules/surveys/schema.ts';
export * from '../modules/tickets/schema.ts';
export * from '../modules/training/schema.ts';
export * from '../platform/schema.ts';
