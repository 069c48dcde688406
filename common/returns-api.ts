// Returns (退货 / RMA, 篇3 5): a customer asks to return equipment within the days its contract allows;
// staff inspect it (human damage excluded; a customer who could not use it is offered training
// instead); the return form (退货单) goes to a manager who approves with an outcome (refund, exchange,
// repair) or rejects; the unit enters the stock as defective or good through the parts ledger.
import { z } from 'zod';
import { ZCursorQuery, ZId, ZVersion } from './api.ts';

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * requested → (inspection) awaiting_approval | refused (human damage) | training (could not use it)
 * awaiting_approval → (manager) approved | rejected; approved → (unit received into stock) completed.
 */
export const RETURN_STATUSES = [
  'requested',
  'awaiting_approval',
  'approved',
  'completed',
  'refused',
  'training',
  'rejected',
] as const;
export type TReturnStatus = (typeof RETURN_STATUSES)[number];
/** Statuses after which nothing more happens to a return. */
export const CLOSED_RETURN_STATUSES: readonly TReturnStatus[] = [
  'completed',
  'refused',
  'training',
  'rejected',
];
export const RETURN_OUTCOMES = ['refund', 'exchange', 'repair'] as const;
export type TReturnOutcome = (typeof RETURN_OUTCOMES)[number];
export const ITEM_CONDITIONS = ['as_new', 'used', 'damaged'] as const;
export const PACKAGING_STATES = ['sealed', 'opened', 'missing'] as const;
export const RETURN_WINDOW_FROM = ['acceptance', 'installation'] as const;
export const RETURN_EVENT_KINDS = [
  'requested',
  'overridden',
  'inspected',
  // A free training asked for on the service desk (the note is the training request's number).
  'training_requested',
  'approved',
  'rejected',
  'received',
] as const;

// ---------- settings ----------
export const DEFAULT_RETURN_SETTINGS = {
  /** 篇3 5 "使用产品X天中": the seed leaves X to the contract; 7 days when the contract says nothing. */
  defaultReturnDays: 7,
  /** The day the window opens: the acceptance (验收) of the equipment, or its installation (delivery). */
  windowFrom: 'acceptance' as (typeof RETURN_WINDOW_FROM)[number],
};
const settingsFields = {
  defaultReturnDays: z.int().min(0).max(3650),
  windowFrom: z.enum(RETURN_WINDOW_FROM),
};
export const ZReturnSettings = z.object({
  ...settingsFields,
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TReturnSettings = z.infer<typeof ZReturnSettings>;
export const ZUpdateReturnSettingsRequest = z.strictObject({
  ...settingsFields,
  version: z.int().min(0).max(2_147_483_647),
});
export type TUpdateReturnSettingsRequest = z.infer<typeof ZUpdateReturnSettingsRequest>;

// ---------- requests ----------
export const ZCreateReturnRequest = z.strictObject({
  /** Staff asking on the customer's behalf name the customer; a customer user's own is taken. */
  customerId: ZId.optional(),
  /** The equipment: by id, or by its serial number among the customer's equipment. */
  assetId: ZId.optional(),
  serial: text(100).optional(),
  reason: text(2000),
  photoFileIds: z.array(ZId).max(20).default([]),
  /** A service manager accepts a return outside the allowed days, with the reason (audited). */
  overrideReason: text(1000).optional(),
});
export type TCreateReturnRequest = z.infer<typeof ZCreateReturnRequest>;

export const ZInspectReturnRequest = z.strictObject({
  condition: z.enum(ITEM_CONDITIONS),
  packaging: z.enum(PACKAGING_STATES),
  /** 人为损坏: excluded from the return (the request is refused with the reason). */
  humanDamage: z.boolean(),
  /** 顾客不会使用: the customer could not use it — a free training instead of the return. */
  cannotUse: z.boolean(),
  /** 顾客执意退货: the customer still wants to return it after the explanation. */
  customerInsists: z.boolean().default(false),
  /** The inspector's opinion (意见) for the return form. */
  opinion: text(2000),
  photoFileIds: z.array(ZId).max(20).default([]),
  version: ZVersion,
});
export type TInspectReturnRequest = z.infer<typeof ZInspectReturnRequest>;

export const ZDecideReturnRequest = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  /** Required when approving. */
  outcome: z.enum(RETURN_OUTCOMES).optional(),
  /** Required when rejecting. */
  reason: text(1000).optional(),
  version: ZVersion,
});
export type TDecideReturnRequest = z.infer<typeof ZDecideReturnRequest>;

export const ZReceiveReturnRequest = z.strictObject({
  locationId: ZId,
  condition: z.enum(['good', 'defective']),
  /** The catalogue part the unit is kept as; by default the part numbered as the product's model. */
  partId: ZId.optional(),
  version: ZVersion,
});
export type TReceiveReturnRequest = z.infer<typeof ZReceiveReturnRequest>;

export const ZReturnListQuery = ZCursorQuery.extend({
  status: z.enum(RETURN_STATUSES).optional(),
  outcome: z.enum(RETURN_OUTCOMES).optional(),
  customerId: ZId.optional(),
  open: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type TReturnListQuery = z.infer<typeof ZReturnListQuery>;

// ---------- answers ----------
export const ZReturnInspection = z.object({
  condition: z.enum(ITEM_CONDITIONS),
  packaging: z.enum(PACKAGING_STATES),
  humanDamage: z.boolean(),
  cannotUse: z.boolean(),
  customerInsists: z.boolean(),
  opinion: z.string(),
  photoFileIds: z.array(ZId),
  inspectedByName: z.string(),
  inspectedAt: ZInstant,
});
export type TReturnInspection = z.infer<typeof ZReturnInspection>;

export const ZReturnStock = z.object({
  locationId: ZId,
  locationName: z.string(),
  partId: ZId,
  partNumber: z.string(),
  condition: z.enum(['good', 'defective']),
  movementId: z.int(),
});

export const ZReturnEvent = z.object({
  kind: z.enum(RETURN_EVENT_KINDS),
  at: ZInstant,
  actorName: z.string(),
  status: z.enum(RETURN_STATUSES),
  note: z.string().nullable(),
});

export const ZReturn = z.object({
  id: ZId,
  number: z.string(),
  status: z.enum(RETURN_STATUSES),
  customerId: ZId,
  customerName: z.string(),
  projectId: ZId,
  projectName: z.string(),
  assetId: ZId,
  serial: z.string(),
  productId: ZId,
  productModel: z.string(),
  productName: z.string(),
  reason: z.string(),
  photoFileIds: z.array(ZId),
  requestedVia: z.enum(['portal', 'staff']),
  requestedByName: z.string(),
  windowStart: ZDate.nullable(),
  allowedDays: z.int(),
  deadline: ZDate.nullable(),
  withinWindow: z.boolean(),
  overrideReason: z.string().nullable(),
  overrideByName: z.string().nullable(),
  inspection: ZReturnInspection.nullable(),
  outcome: z.enum(RETURN_OUTCOMES).nullable(),
  decisionReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: ZInstant.nullable(),
  stock: ZReturnStock.nullable(),
  version: z.int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TReturn = z.infer<typeof ZReturn>;
export const ZReturnDetail = ZReturn.extend({ events: z.array(ZReturnEvent) });
export type TReturnDetail = z.infer<typeof ZReturnDetail>;
