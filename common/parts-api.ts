// Zod schemas of the spare-parts API (备件): the catalogue, stock locations, movements and
// reservations, reorder rules and the replenishment list, stock-taking (盘点).
import { z } from 'zod';
import { patchOf, ZCursorQuery, ZId, ZVersion } from './api.ts';

export const LOCATION_KINDS = ['central', 'regional', 'van'] as const;
export const STOCK_CONDITIONS = ['good', 'defective'] as const;
export const MOVEMENT_KINDS = [
  'receipt',
  'transfer',
  'reserve',
  'release',
  'issue',
  'return_unused',
  'return_defective',
  'scrap',
  'adjustment',
  // A unit a customer returned (退货), by its RMA number.
  'customer_return',
] as const;
export const COUNT_STATUSES = ['open', 'submitted', 'approved', 'cancelled'] as const;

export type TLocationKind = (typeof LOCATION_KINDS)[number];
export type TStockCondition = (typeof STOCK_CONDITIONS)[number];

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const ZQuantity = z.int().min(1).max(1_000_000);
const ZFenOrNull = z.int().min(0).max(2_000_000_000).nullable();
const ZCondition = z.enum(STOCK_CONDITIONS);

// ---------- catalogue ----------
const partFields = {
  partNumber: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(200),
  specification: z.string().trim().max(500).nullable().optional(),
  unit: z.string().trim().min(1).max(20),
  genuine: z.boolean(),
  wearing: z.boolean(),
  costFen: ZFenOrNull.optional(),
  factoryPriceFen: ZFenOrNull.optional(),
  salePriceFen: ZFenOrNull.optional(),
  shelfLifeMonths: z.int().min(1).max(600).nullable().optional(),
  fitsProductIds: z.array(ZId).max(200),
  photoIds: z.array(ZId).max(20),
  active: z.boolean(),
};
export const ZCreatePartRequest = z.strictObject({
  ...partFields,
  unit: partFields.unit.default('个'),
  genuine: partFields.genuine.default(true),
  wearing: partFields.wearing.default(false),
  fitsProductIds: partFields.fitsProductIds.default([]),
  photoIds: partFields.photoIds.default([]),
  active: partFields.active.default(true),
});
export type TCreatePartRequest = z.input<typeof ZCreatePartRequest>;
/** Only the fields sent change (no defaults here: an omitted field keeps its value). */
export const ZUpdatePartRequest = patchOf(partFields);
export type TUpdatePartRequest = z.infer<typeof ZUpdatePartRequest>;

export const ZPartListQuery = ZCursorQuery.extend({ q: z.string().trim().max(100).optional() });

export const ZPart = z.object({
  id: ZId,
  partNumber: z.string(),
  name: z.string(),
  specification: z.string().nullable(),
  unit: z.string(),
  genuine: z.boolean(),
  wearing: z.boolean(),
  costFen: z.int().nullable(),
  factoryPriceFen: z.int().nullable(),
  salePriceFen: z.int().nullable(),
  shelfLifeMonths: z.int().nullable(),
  fitsProductIds: z.array(ZId),
  photoIds: z.array(ZId),
  active: z.boolean(),
  version: ZVersion,
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TPart = z.infer<typeof ZPart>;

export const ZStockTotals = z.object({ onHand: z.int(), available: z.int(), defective: z.int() });
export type TStockTotals = z.infer<typeof ZStockTotals>;

export const ZPartListItem = ZPart.extend({ stock: ZStockTotals });
export type TPartListItem = z.infer<typeof ZPartListItem>;

export const ZPartStockLine = z.object({
  locationId: ZId,
  locationName: z.string(),
  locationKind: z.enum(LOCATION_KINDS),
  batchId: ZId,
  batchCode: z.string(),
  /** Who supplied the batch; null: not recorded. */
  supplier: z.string().nullable(),
  receivedOn: ZDate,
  shelfWarrantyEndsOn: ZDate.nullable(),
  condition: ZCondition,
  onHand: z.int(),
  reserved: z.int(),
});
export type TPartStockLine = z.infer<typeof ZPartStockLine>;

export const ZPartReorderRule = z.object({
  locationId: ZId,
  locationName: z.string(),
  reorderPoint: z.int(),
  reorderQuantity: z.int(),
});

export const ZPartDetail = ZPart.extend({
  stockLines: z.array(ZPartStockLine),
  reorderRules: z.array(ZPartReorderRule),
});
export type TPartDetail = z.infer<typeof ZPartDetail>;

export const ZPartMovementsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
});

/** A ledger line as the part's ledger shows it (location names resolved). */
export const ZLedgerLine = z.object({
  id: z.int(),
  at: ZInstant,
  kind: z.enum(MOVEMENT_KINDS),
  quantity: z.int(),
  condition: ZCondition,
  batchCode: z.string(),
  fromLocationId: ZId.nullable(),
  toLocationId: ZId.nullable(),
  fromName: z.string().nullable(),
  toName: z.string().nullable(),
  ticketId: ZId.nullable(),
  workOrderRef: z.string().nullable(),
  serial: z.string().nullable(),
  reason: z.string().nullable(),
  actorLabel: z.string(),
});
export type TLedgerLine = z.infer<typeof ZLedgerLine>;
export const ZLedgerPage = z.object({ items: z.array(ZLedgerLine), nextBefore: z.int().nullable() });
export type TLedgerPage = z.infer<typeof ZLedgerPage>;

export const ZAvailability = z.object({
  locationId: ZId,
  locationName: z.string(),
  kind: z.enum(LOCATION_KINDS),
  region: z.string().nullable(),
  available: z.int(),
  mine: z.boolean(),
});
export type TAvailability = z.infer<typeof ZAvailability>;

export const ZImportPartsRequest = z.strictObject({ fileId: ZId });
export const ZImportPartsResult = z.object({ created: z.int(), updated: z.int() });
export type TImportPartsResult = z.infer<typeof ZImportPartsResult>;

// ---------- locations ----------
const locationFields = {
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(LOCATION_KINDS),
  keeperId: ZId.nullable().optional(),
  region: z.string().trim().max(60).nullable().optional(),
  active: z.boolean(),
};
export const ZCreateLocationRequest = z.strictObject({
  ...locationFields,
  active: locationFields.active.default(true),
});
export type TCreateLocationRequest = z.input<typeof ZCreateLocationRequest>;
export const ZUpdateLocationRequest = patchOf(locationFields);
export type TUpdateLocationRequest = z.infer<typeof ZUpdateLocationRequest>;

export const ZStockLocation = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  keeperId: ZId.nullable(),
  region: z.string().nullable(),
  active: z.boolean(),
  version: ZVersion,
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TStockLocation = z.infer<typeof ZStockLocation>;
/** A location in the list, with whether the caller may see its stock. */
export const ZStockLocationListItem = ZStockLocation.extend({ visible: z.boolean() });
export type TStockLocationListItem = z.infer<typeof ZStockLocationListItem>;

export const ZLocationStockLine = z.object({
  partId: ZId,
  partNumber: z.string(),
  partName: z.string(),
  unit: z.string(),
  batchId: ZId,
  batchCode: z.string(),
  supplier: z.string().nullable(),
  shelfWarrantyEndsOn: ZDate.nullable(),
  condition: ZCondition,
  onHand: z.int(),
  reserved: z.int(),
});
export type TLocationStockLine = z.infer<typeof ZLocationStockLine>;

// ---------- movements and reservations ----------
const workRef = {
  ticketId: ZId.nullable().optional(),
  workOrderRef: z.string().trim().max(60).nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
};
/** Which piece of work a movement is for, and why. */
export const ZWorkRef = z.object(workRef);
export type TWorkRef = z.infer<typeof ZWorkRef>;

export const ZReceiptRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  quantity: ZQuantity,
  batchCode: z.string().trim().min(1).max(40).optional(),
  /** Who supplied a new batch; an existing batch code keeps the supplier it was first received from. */
  supplier: z.string().trim().min(1).max(200).optional(),
  receivedOn: ZDate.optional(),
  ...workRef,
});
export type TReceiptRequest = z.infer<typeof ZReceiptRequest>;
export const ZTransferRequest = z.strictObject({
  partId: ZId,
  fromLocationId: ZId,
  toLocationId: ZId,
  quantity: ZQuantity,
  ...workRef,
});
export type TTransferRequest = z.infer<typeof ZTransferRequest>;
export const ZReserveRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  quantity: ZQuantity,
  emergency: z.boolean().default(false),
  ...workRef,
});
export type TReserveRequest = z.input<typeof ZReserveRequest>;
export const ZReleaseRequest = z.strictObject({ quantity: ZQuantity.optional(), reason: workRef.reason });
export type TReleaseRequest = z.infer<typeof ZReleaseRequest>;
/**
 * The equipment the part is fitted to, when the work covers several (a maintenance visit or a campaign):
 * its warranty decides whether the part is charged. Without it the work order's first asset is assumed.
 */
const fittedTo = { assetId: ZId.nullable().optional() };
export const ZIssueReservedRequest = z.strictObject({
  quantity: ZQuantity.optional(),
  ...workRef,
  ...fittedTo,
});
export type TIssueReservedRequest = z.infer<typeof ZIssueReservedRequest>;
export const ZIssueRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  quantity: ZQuantity,
  ...workRef,
  ...fittedTo,
});
export type TIssueRequest = z.infer<typeof ZIssueRequest>;
export const ZReturnRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  quantity: ZQuantity,
  batchId: ZId.optional(),
  ...workRef,
});
export type TReturnRequest = z.infer<typeof ZReturnRequest>;
export const ZDefectiveReturnRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  quantity: ZQuantity,
  serial: z.string().trim().max(80).nullable().optional(),
  ...workRef,
});
export type TDefectiveReturnRequest = z.infer<typeof ZDefectiveReturnRequest>;
export const ZScrapRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  batchId: ZId,
  condition: ZCondition,
  quantity: ZQuantity,
  ...workRef,
});
export type TScrapRequest = z.infer<typeof ZScrapRequest>;

/** A line of the append-only ledger, as a movement answers it. */
export const ZStockMovement = z.object({
  id: z.int(),
  at: ZInstant,
  kind: z.enum(MOVEMENT_KINDS),
  partId: ZId,
  batchId: ZId,
  condition: ZCondition,
  fromLocationId: ZId.nullable(),
  toLocationId: ZId.nullable(),
  quantity: z.int(),
  reservationId: ZId.nullable(),
  ticketId: ZId.nullable(),
  workOrderRef: z.string().nullable(),
  /** The equipment an issued part was fitted to (a visit covering several assets). */
  assetId: ZId.nullable(),
  countId: ZId.nullable(),
  serial: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: ZId.nullable(),
  actorLabel: z.string(),
});
export type TStockMovement = z.infer<typeof ZStockMovement>;

export const ZStockBatch = z.object({
  id: ZId,
  partId: ZId,
  code: z.string(),
  receivedOn: ZDate,
  shelfWarrantyEndsOn: ZDate.nullable(),
  supplier: z.string().nullable(),
  createdAt: ZInstant,
});
export type TStockBatch = z.infer<typeof ZStockBatch>;

export const ZStockReservation = z.object({
  id: ZId,
  partId: ZId,
  locationId: ZId,
  batchId: ZId,
  open: z.int(),
  quantity: z.int(),
  ticketId: ZId.nullable(),
  workOrderRef: z.string().nullable(),
  emergency: z.boolean(),
  createdBy: ZId.nullable(),
  createdAt: ZInstant,
});
export type TStockReservation = z.infer<typeof ZStockReservation>;

/** A batch past its shelf warranty that a movement took from (篇4 c.1). */
export const ZShelfWarning = z.object({ batchCode: z.string(), shelfWarrantyEndedOn: ZDate });
export type TShelfWarning = z.infer<typeof ZShelfWarning>;

export const ZMovementsResult = z.object({ movements: z.array(ZStockMovement) });
export type TMovementsResult = z.infer<typeof ZMovementsResult>;
export const ZReceiptResult = ZMovementsResult.extend({ batch: ZStockBatch });
export const ZIssueResult = ZMovementsResult.extend({ warnings: z.array(ZShelfWarning) });
export type TIssueResult = z.infer<typeof ZIssueResult>;
export const ZReserveResult = z.object({
  locationId: ZId,
  reservations: z.array(ZStockReservation),
  warnings: z.array(ZShelfWarning),
});
export type TReserveResult = z.infer<typeof ZReserveResult>;
export const ZReleaseResult = z.object({ reservation: ZStockReservation });
export const ZIssueReservedResult = ZMovementsResult.extend({ reservation: ZStockReservation });

export const ZReservationsQuery = z.object({ ticketId: ZId });

// ---------- reorder and replenishment ----------
export const ZReorderRuleRequest = z.strictObject({
  partId: ZId,
  locationId: ZId,
  reorderPoint: z.int().min(0).max(1_000_000),
  reorderQuantity: ZQuantity,
});
export type TReorderRuleRequest = z.infer<typeof ZReorderRuleRequest>;
export const ZReorderRule = z.object({
  partId: ZId,
  locationId: ZId,
  reorderPoint: z.int(),
  reorderQuantity: z.int(),
});
export const ZReorderRuleKey = z.object({ partId: ZId, locationId: ZId });

export const ZReplenishmentSuggestion = z.object({
  id: ZId,
  partId: ZId,
  partNumber: z.string(),
  partName: z.string(),
  specification: z.string().nullable(),
  unit: z.string(),
  costFen: z.int().nullable(),
  locationId: ZId,
  locationName: z.string(),
  available: z.int(),
  reorderPoint: z.int(),
  suggestedQuantity: z.int(),
  createdAt: ZInstant,
});
export type TReplenishmentSuggestion = z.infer<typeof ZReplenishmentSuggestion>;

// ---------- stock-taking ----------
export const ZCountsQuery = z.object({ locationId: ZId });
export const ZOpenCountRequest = z.strictObject({ locationId: ZId });
export const ZCountStepRequest = z.strictObject({ version: ZVersion });
export const ZEnterCountsRequest = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        partId: ZId,
        batchId: ZId.optional(),
        condition: ZCondition.optional(),
        counted: z.int().min(0).max(1_000_000),
      }),
    )
    .min(1)
    .max(1000),
});
export type TEnterCountsRequest = z.infer<typeof ZEnterCountsRequest>;

export const ZStockCount = z.object({
  id: ZId,
  locationId: ZId,
  status: z.enum(COUNT_STATUSES),
  openedBy: ZId.nullable(),
  openedAt: ZInstant,
  submittedAt: ZInstant.nullable(),
  approvedBy: ZId.nullable(),
  approvedAt: ZInstant.nullable(),
  version: ZVersion,
  updatedAt: ZInstant,
});
export type TStockCount = z.infer<typeof ZStockCount>;

export const ZCountLine = z.object({
  partId: ZId,
  partNumber: z.string(),
  partName: z.string(),
  unit: z.string(),
  costFen: z.int().nullable(),
  batchId: ZId,
  batchCode: z.string(),
  condition: ZCondition,
  expected: z.int(),
  counted: z.int().nullable(),
});
export type TCountLine = z.infer<typeof ZCountLine>;
export const ZVarianceLine = ZCountLine.extend({ variance: z.int(), valueFen: z.int() });
export type TVarianceLine = z.infer<typeof ZVarianceLine>;

export const ZStockCountDetail = ZStockCount.extend({
  lines: z.array(ZCountLine),
  variance: z.array(ZVarianceLine),
  uncounted: z.int(),
});
export type TStockCountDetail = z.infer<typeof ZStockCountDetail>;
