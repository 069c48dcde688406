// Zod schemas of the inspection side of planned maintenance (issue 16): special inspections from a
// ticket (特殊巡查), campaigns (节假日前、重大活动保障、暴雨后) with their board, the customer's date
// requests for upcoming visits and the dispatcher's decision.
import { z } from 'zod';
import { ZId } from './api.ts';

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const VISIT_KINDS = ['planned', 'special', 'campaign'] as const;
export type TVisitKind = (typeof VISIT_KINDS)[number];

// ---------- special inspection ----------
export const ZCreateSpecialInspectionRequest = z.strictObject({
  ticketId: ZId,
  /** The day of the inspection; today when not given. */
  dueOn: ZDate.optional(),
  /** What is abnormal, for the work order's summary; the ticket's subject when not given. */
  note: text(500).optional(),
});
export type TCreateSpecialInspectionRequest = z.infer<typeof ZCreateSpecialInspectionRequest>;

export const ZVisitWorkOrder = z.object({
  visitId: ZId,
  kind: z.enum(VISIT_KINDS),
  dueOn: ZDate,
  projectId: ZId,
  projectName: z.string(),
  workOrderId: ZId,
  workOrderNumber: z.string(),
  workOrderStatus: z.string(),
  ticketId: ZId.nullable(),
  /** The quality early-warning alert the inspection was started from. */
  alertId: ZId.nullable(),
  assetIds: z.array(ZId),
});
export type TVisitWorkOrder = z.infer<typeof ZVisitWorkOrder>;

// ---------- campaigns ----------
export const CAMPAIGN_OCCASIONS = ['holiday', 'major_event', 'after_storm', 'other'] as const;
export type TCampaignOccasion = (typeof CAMPAIGN_OCCASIONS)[number];

const ids = z.array(ZId).max(5000).default([]);
const words = z.array(z.string().trim().min(1).max(60)).max(100).default([]);
/**
 * Which equipment a campaign covers: every filter given narrows (AND), the values within one filter
 * widen (OR). Projects and assets may also be picked by id. At least one filter is needed.
 */
export const ZCampaignSelection = z.strictObject({
  regions: words,
  categories: words,
  customerIds: ids,
  contractTiers: words,
  projectIds: ids,
  assetIds: ids,
});
export type TCampaignSelection = z.output<typeof ZCampaignSelection>;
export type TCampaignSelectionInput = z.input<typeof ZCampaignSelection>;

export const ZCampaignPreviewRequest = z.strictObject({ selection: ZCampaignSelection });
export const ZCampaignPreview = z.object({
  siteCount: z.int(),
  assetCount: z.int(),
  /** The first sites, for the manager to check the filter. */
  sites: z.array(
    z.object({ projectId: ZId, projectName: z.string(), customerName: z.string(), assets: z.int() }),
  ),
});
export type TCampaignPreview = z.infer<typeof ZCampaignPreview>;

export const ZCreateCampaignRequest = z.strictObject({
  name: text(120),
  occasion: z.enum(CAMPAIGN_OCCASIONS),
  reason: text(1000),
  deadline: ZDate,
  selection: ZCampaignSelection,
});
export type TCreateCampaignRequest = z.output<typeof ZCreateCampaignRequest>;
export type TCreateCampaignInput = z.input<typeof ZCreateCampaignRequest>;

export const ZCampaignCounts = z.object({
  planned: z.int(),
  done: z.int(),
  findings: z.int(),
  overdue: z.int(),
  cancelled: z.int(),
});
export type TCampaignCounts = z.infer<typeof ZCampaignCounts>;

export const ZCampaign = z.object({
  id: ZId,
  name: z.string(),
  occasion: z.enum(CAMPAIGN_OCCASIONS),
  reason: z.string(),
  deadline: ZDate,
  selection: z.object({
    regions: z.array(z.string()),
    categories: z.array(z.string()),
    customerIds: z.array(ZId),
    contractTiers: z.array(z.string()),
    projectIds: z.array(ZId),
    assetIds: z.array(ZId),
  }),
  siteCount: z.int(),
  assetCount: z.int(),
  counts: ZCampaignCounts,
  createdAt: ZInstant,
});
export type TCampaign = z.infer<typeof ZCampaign>;

export const CAMPAIGN_VISIT_STATES = ['planned', 'done', 'overdue', 'cancelled'] as const;
export const ZCampaignVisit = ZVisitWorkOrder.extend({
  customerName: z.string(),
  engineerName: z.string().nullable(),
  state: z.enum(CAMPAIGN_VISIT_STATES),
  /** The engineer recorded a fault (diagnosis) on the inspection, or its checklist found a hidden danger. */
  finding: z.boolean(),
});
export type TCampaignVisit = z.infer<typeof ZCampaignVisit>;
export const ZCampaignDetail = ZCampaign.extend({ visits: z.array(ZCampaignVisit) });
export type TCampaignDetail = z.infer<typeof ZCampaignDetail>;
export const ZCampaignVisitQuery = z.object({ state: z.enum(CAMPAIGN_VISIT_STATES).optional() });

// ---------- upcoming visits and date requests (portal) ----------
export const DATE_REQUEST_STATUSES = ['pending', 'confirmed', 'declined'] as const;
export type TDateRequestStatus = (typeof DATE_REQUEST_STATUSES)[number];

export const ZDateRequest = z.object({
  id: ZId,
  visitId: ZId,
  customerId: ZId,
  customerName: z.string(),
  projectName: z.string(),
  workOrderNumber: z.string(),
  currentOn: ZDate,
  requestedOn: ZDate,
  reason: z.string(),
  status: z.enum(DATE_REQUEST_STATUSES),
  decisionReason: z.string().nullable(),
  decidedAt: ZInstant.nullable(),
  createdAt: ZInstant,
  version: z.int(),
});
export type TDateRequest = z.infer<typeof ZDateRequest>;

export const ZUpcomingVisit = z.object({
  id: ZId,
  kind: z.enum(VISIT_KINDS),
  dueOn: ZDate,
  projectId: ZId,
  projectName: z.string(),
  assets: z.array(z.object({ id: ZId, label: z.string() })),
  /** Dispatched already: a new date can no longer be asked for. */
  dispatched: z.boolean(),
  request: ZDateRequest.nullable(),
});
export type TUpcomingVisit = z.infer<typeof ZUpcomingVisit>;

export const ZCreateDateRequest = z.strictObject({
  requestedOn: ZDate,
  reason: text(500),
});
export type TCreateDateRequest = z.infer<typeof ZCreateDateRequest>;
export const ZDateRequestQuery = z.object({ status: z.enum(DATE_REQUEST_STATUSES).optional() });
export const ZDecideDateRequest = z.strictObject({
  decision: z.enum(['confirm', 'decline']),
  /** Needed to decline: told to the customer. */
  reason: text(500).optional(),
  version: z.int().min(1).max(2_147_483_647),
});
export type TDecideDateRequest = z.infer<typeof ZDecideDateRequest>;

export const ZReminderResult = z.object({ visits: z.int(), messages: z.int() });
