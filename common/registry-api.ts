// Zod schemas of the registry API: customers, contacts, projects, contracts and the deposit ledger,
// products, assets, acceptance records, the service archive and warranty coverage.
import { z } from 'zod';
import { patchOf, ZCursorQuery, ZId, ZVersion } from './api.ts';
import { CAUSES } from './warranty-rules.ts';

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const ZFen = z.int().min(0).max(1e13);
const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, . - and _ only');

const updateOf = patchOf;

const stamps = { version: ZVersion, createdAt: ZInstant, updatedAt: ZInstant };

// ---------- contacts ----------
export const ZContact = z.object({
  id: ZId,
  customerId: ZId,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  userId: ZId.nullable(),
  ...stamps,
});
export type TContact = z.infer<typeof ZContact>;
const contactFields = {
  name: text(100),
  phone: optText(40),
  email: z.email().max(200).nullable().optional(),
  title: optText(100),
  userId: ZId.nullable().optional(),
};
export const ZCreateContactRequest = z.strictObject({ customerId: ZId, ...contactFields });
export const ZUpdateContactRequest = updateOf(contactFields);

// ---------- projects ----------
export const PROJECT_STATUSES = [
  'planning',
  'installing',
  'commissioning',
  'accepted',
  'in_service',
  'closed',
] as const;
export const ZProject = z.object({
  id: ZId,
  customerId: ZId,
  customerName: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  region: z.string().nullable(),
  timeZone: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  customerContactId: ZId.nullable(),
  engineerIds: z.array(ZId),
  emergencyPlanFileId: ZId.nullable(),
  status: z.enum(PROJECT_STATUSES),
  ...stamps,
});
export type TProject = z.infer<typeof ZProject>;
const projectFields = {
  name: text(200),
  address: optText(500),
  region: optText(100),
  timeZone: z
    .string()
    .max(60)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not a known time zone')
    .optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  customerContactId: ZId.nullable().optional(),
  engineerIds: z.array(ZId).max(10).optional(),
  emergencyPlanFileId: ZId.nullable().optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
};
export const ZCreateProjectRequest = z.strictObject({ customerId: ZId, code: ZCode, ...projectFields });
export const ZUpdateProjectRequest = updateOf(projectFields);
export const ZProjectListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(100).optional(),
  customerId: ZId.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
});

// ---------- contracts ----------
export const CONTRACT_KINDS = ['supply_install', 'maintenance_agreement', 'extended_warranty'] as const;
export const ZContract = z.object({
  id: ZId,
  customerId: ZId,
  projectId: ZId,
  number: z.string(),
  kind: z.enum(CONTRACT_KINDS),
  warrantyMonths: z.int(),
  latentDefectMonths: z.int(),
  sparePartsShelfMonths: z.int(),
  maxRepairsBeforeReplace: z.int(),
  returnDays: z.int().nullable(),
  replacementPolicy: z.enum(['inherit', 'restart']),
  responseTier: z.string(),
  agreementCoversLabour: z.boolean(),
  agreementCoversTravel: z.boolean(),
  agreementCoversParts: z.boolean(),
  labourRateFen: z.int(),
  travelFeeFen: z.int(),
  labourCostRateFen: z.int(),
  travelCostFeeFen: z.int(),
  lifetimeCostRepair: z.boolean(),
  partsPricing: z.enum(['factory_price', 'sale_price']),
  currency: z.string(),
  depositAmountFen: z.int(),
  depositBalanceFen: z.int(),
  startDate: ZDate,
  endDate: ZDate.nullable(),
  documentFileIds: z.array(ZId),
  ...stamps,
});
export type TContract = z.infer<typeof ZContract>;
const contractFields = {
  kind: z.enum(CONTRACT_KINDS),
  warrantyMonths: z.int().min(0).max(240),
  latentDefectMonths: z.int().min(0).max(240),
  sparePartsShelfMonths: z.int().min(0).max(240),
  maxRepairsBeforeReplace: z.int().min(1).max(20),
  // 篇3 5: days after delivery within which a return may be asked for; null: the returns setting.
  returnDays: z.int().min(0).max(3650).nullable(),
  replacementPolicy: z.enum(['inherit', 'restart']),
  responseTier: text(40),
  agreementCoversLabour: z.boolean(),
  agreementCoversTravel: z.boolean(),
  agreementCoversParts: z.boolean(),
  labourRateFen: ZFen,
  travelFeeFen: ZFen,
  // 篇4 g.7–8: what a repair charged "at cost" costs — labour per hour, travel per trip — and whether
  // repairs after the warranty are at cost for life (终身成本价维修).
  labourCostRateFen: ZFen,
  travelCostFeeFen: ZFen,
  lifetimeCostRepair: z.boolean(),
  partsPricing: z.enum(['factory_price', 'sale_price']),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code'),
  depositAmountFen: ZFen,
  startDate: ZDate,
  endDate: ZDate.nullable(),
  documentFileIds: z.array(ZId).max(50),
};
export const ZCreateContractRequest = z
  .strictObject(contractFields)
  .partial()
  .extend({ projectId: ZId, number: ZCode, kind: contractFields.kind, startDate: contractFields.startDate });
export const ZUpdateContractRequest = updateOf(contractFields);

const DEPOSIT_ENTRY_KINDS = ['deposit', 'deduction', 'release'] as const;
export const ZDepositEntry = z.object({
  id: ZId,
  contractId: ZId,
  kind: z.enum(DEPOSIT_ENTRY_KINDS),
  amountFen: z.int(),
  balanceAfterFen: z.int(),
  reason: z.string(),
  evidenceFileId: ZId.nullable(),
  ticketRef: z.string().nullable(),
  approvedBy: ZId.nullable(),
  createdAt: ZInstant,
});
export const ZCreateDepositEntryRequest = z.strictObject({
  kind: z.enum(DEPOSIT_ENTRY_KINDS),
  amountFen: z.int().min(1).max(1e13),
  reason: text(1000),
  evidenceFileId: ZId.nullable().optional(),
  ticketRef: optText(60),
});

// ---------- products ----------
export const SIZE_CLASSES = ['small', 'medium', 'large'] as const;
export const ZProduct = z.object({
  id: ZId,
  model: z.string(),
  name: z.string(),
  category: z.string(),
  sizeClass: z.enum(SIZE_CLASSES),
  maintenanceTemplate: z.string().nullable(),
  standardPriceFen: z.int().nullable(),
  documentFileIds: z.array(ZId),
  ...stamps,
});
export type TProduct = z.infer<typeof ZProduct>;
const productFields = {
  name: text(200),
  category: text(100),
  sizeClass: z.enum(SIZE_CLASSES),
  maintenanceTemplate: optText(100),
  standardPriceFen: ZFen.nullable().optional(),
  documentFileIds: z.array(ZId).max(50).optional(),
};
export const ZCreateProductRequest = z.strictObject({ model: ZCode, ...productFields });
export const ZUpdateProductRequest = updateOf(productFields);
export const ZProductListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  sizeClass: z.enum(SIZE_CLASSES).optional(),
});

// ---------- assets ----------
export const ASSET_STATUSES = ['installed', 'in_service', 'under_repair', 'replaced', 'retired'] as const;
export const ZAsset = z.object({
  id: ZId,
  customerId: ZId,
  projectId: ZId,
  projectName: z.string(),
  productId: ZId,
  productModel: z.string(),
  productName: z.string(),
  serial: z.string(),
  name: z.string().nullable(),
  location: z.string().nullable(),
  parentId: ZId.nullable(),
  installDate: ZDate.nullable(),
  commissioningDate: ZDate.nullable(),
  acceptanceDate: ZDate.nullable(),
  warrantyStart: ZDate.nullable(),
  warrantyEnd: ZDate.nullable(),
  status: z.enum(ASSET_STATUSES),
  replacesId: ZId.nullable(),
  replacedById: ZId.nullable(),
  repairCount: z.int(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  photoFileIds: z.array(ZId),
  ...stamps,
});
export type TAsset = z.infer<typeof ZAsset>;
const assetFields = {
  name: optText(200),
  location: optText(200),
  parentId: ZId.nullable().optional(),
  installDate: ZDate.nullable().optional(),
  commissioningDate: ZDate.nullable().optional(),
  status: z.enum(ASSET_STATUSES).optional(),
  attributes: z
    .record(z.string().max(60), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .optional(),
  photoFileIds: z.array(ZId).max(50).optional(),
};
export const ZCreateAssetRequest = z.strictObject({
  projectId: ZId,
  productId: ZId,
  serial: text(100),
  acceptanceDate: ZDate.nullable().optional(),
  ...assetFields,
});
export const ZUpdateAssetRequest = updateOf({ ...assetFields, acceptanceDate: ZDate.nullable() });
export const ZAssetListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(100).optional(),
  customerId: ZId.optional(),
  projectId: ZId.optional(),
  productId: ZId.optional(),
  parentId: ZId.optional(),
  status: z.enum(ASSET_STATUSES).optional(),
});
export const ZReplaceAssetRequest = z.strictObject({
  version: ZVersion,
  serial: text(100),
  productId: ZId.optional(),
  replacedOn: ZDate,
  reason: text(1000),
});

// ---------- acceptance ----------
export const ACCEPTANCE_KINDS = ['installation', 'commissioning', 'acceptance'] as const;
const ZCheckItem = z.strictObject({ item: text(200), passed: z.boolean(), note: optText(500) });
const ZTestResult = z.strictObject({ name: text(200), value: text(200), passed: z.boolean() });
export const ZAcceptanceRecord = z.object({
  id: ZId,
  projectId: ZId,
  kind: z.enum(ACCEPTANCE_KINDS),
  performedOn: ZDate,
  checklist: z.array(
    z.object({ item: z.string(), passed: z.boolean(), note: z.string().nullable().optional() }),
  ),
  testResults: z.array(z.object({ name: z.string(), value: z.string(), passed: z.boolean() })),
  certificateNumber: z.string().nullable(),
  signedByName: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: ZInstant,
});
export const ZCreateAcceptanceRequest = z.strictObject({
  kind: z.enum(ACCEPTANCE_KINDS),
  performedOn: ZDate,
  checklist: z.array(ZCheckItem).max(200).default([]),
  testResults: z.array(ZTestResult).max(200).default([]),
  certificateNumber: optText(60),
  signedByName: optText(100),
  signedByContactId: ZId.nullable().optional(),
  notes: optText(2000),
});

// ---------- archive ----------
export const ZArchiveEvent = z.object({
  id: z.string(),
  customerId: ZId,
  projectId: ZId.nullable(),
  assetId: ZId.nullable(),
  kind: z.string(),
  occurredAt: ZInstant,
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  actorLabel: z.string(),
  /** The equipment's serial and name, when the event is about one piece. */
  assetLabel: z.string().nullable(),
});
export type TArchiveEvent = z.infer<typeof ZArchiveEvent>;
export const ZArchiveQuery = ZCursorQuery.extend({
  kind: z.string().trim().max(60).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});

// ---------- warranty ----------
export { CAUSES };

const ZCoverageStatus = z.enum([
  'not_accepted',
  'in_warranty',
  'latent_defect',
  'service_agreement',
  'expired',
]);
export const ZCoverageQuery = z.object({ date: ZDate.optional(), cause: z.enum(CAUSES).optional() });
export const ZCoverage = z.object({
  date: ZDate,
  cause: z.enum(CAUSES),
  status: ZCoverageStatus,
  free: z.object({ labour: z.boolean(), travel: z.boolean(), parts: z.boolean() }),
  pricing: z.enum(['free', 'cost', 'fee_schedule']),
  partsPricing: z.enum(['free', 'cost', 'factory_price']),
  basis: z.object({
    period: ZCoverageStatus,
    contractRef: z.string().nullable(),
    start: ZDate.nullable(),
    end: ZDate.nullable(),
  }),
  warrantyStart: ZDate.nullable(),
  warrantyEnd: ZDate.nullable(),
  latentDefectEnd: ZDate.nullable(),
  reasons: z.array(
    z.object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      text: z.string(),
    }),
  ),
  repair: z.object({ decision: z.enum(['repair', 'replace_component', 'replace_unit']), text: z.string() }),
});
export type TCoverage = z.infer<typeof ZCoverage>;
