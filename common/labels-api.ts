// Zod schemas of the label API: QR labels on equipment (扫码报修), the public scan page, fault reports
// confirmed by an SMS code, and the reporter's tracking page.
import { z } from 'zod';
import { ZId } from './api.ts';

const ZInstant = z.iso.datetime({ offset: true });

/** A public label code: 16 characters of Crockford base32 (80 random bits). */
export const LABEL_CODE = /^[0-9A-HJKMNP-TV-Z]{16}$/;
export const ZLabelCode = z.string().trim().toUpperCase().regex(LABEL_CODE, 'not a label code');

/** A mainland mobile number, the only kind an SMS code can reach (+86 and spaces allowed). */
export const ZMobilePhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'not a mobile phone number (11 digits starting with 1)'));

export const ZLabelSettings = z.object({
  /** The service hotline printed on labels and shown on the scan page. */
  hotline: z.string(),
  otpPerPhonePerHour: z.int(),
  otpPerAddressPerHour: z.int(),
  reportsPerAssetPerHour: z.int(),
  photoMaxBytes: z.int(),
  videoMaxBytes: z.int(),
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TLabelSettings = z.infer<typeof ZLabelSettings>;
export const ZUpdateLabelSettingsRequest = z.strictObject({
  version: z.int().min(0).max(2_147_483_647),
  hotline: z.string().trim().min(3).max(40),
  otpPerPhonePerHour: z.int().min(1).max(100),
  otpPerAddressPerHour: z.int().min(1).max(1000),
  reportsPerAssetPerHour: z.int().min(1).max(100),
  photoMaxBytes: z
    .int()
    .min(100_000)
    .max(50 * 1024 * 1024),
  videoMaxBytes: z
    .int()
    .min(1_000_000)
    .max(500 * 1024 * 1024),
});
export type TUpdateLabelSettings = z.infer<typeof ZUpdateLabelSettingsRequest>;

export const ZAssetLabel = z.object({
  assetId: ZId,
  code: z.string(),
  url: z.string(),
  issuedAt: ZInstant,
});
export type TAssetLabel = z.infer<typeof ZAssetLabel>;

export const LABEL_LAYOUTS = ['a4_3x8', 'a4_2x5', 'single_50x30'] as const;
export type TLabelLayout = (typeof LABEL_LAYOUTS)[number];
const ZIdList = z
  .string()
  .transform((v) => v.split(',').filter(Boolean))
  .pipe(z.array(ZId).min(1).max(500));
export const ZLabelPdfQuery = z.object({
  assetIds: ZIdList.optional(),
  projectId: ZId.optional(),
  layout: z.enum(LABEL_LAYOUTS).default('a4_3x8'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const WARRANTY_STATES = [
  'not_accepted',
  'in_warranty',
  'latent_defect',
  'service_agreement',
  'expired',
] as const;

/** What the scan page shows of a piece of equipment: no ids, no customer data beyond the site. */
export const ZPublicAsset = z.object({
  code: z.string(),
  state: z.enum(['active', 'revoked', 'retired']),
  name: z.string().nullable(),
  productName: z.string().nullable(),
  projectName: z.string().nullable(),
  location: z.string().nullable(),
  /** `until`: the last day the current period covers. */
  warranty: z.object({ status: z.enum(WARRANTY_STATES), until: z.string().nullable() }).nullable(),
  hotline: z.string(),
  /** Signed in as a user of the equipment's customer: reports without an SMS code. */
  canReportDirectly: z.boolean(),
  /** A ticket on this equipment is already open: a report joins it. */
  openTicketNumber: z.string().nullable(),
  /**
   * Signed in as staff: the way into the console — the equipment's history, and the scanning engineer's
   * own open job on it (null when he has none).
   */
  staff: z.object({ assetId: ZId, jobId: ZId.nullable() }).nullable(),
});
export type TPublicAsset = z.infer<typeof ZPublicAsset>;

const ZLang = z.enum(['zh-CN', 'en']).default('zh-CN');
/** `lang`: the language of the SMS. */
export const ZOtpRequest = z.strictObject({ phone: ZMobilePhone, lang: ZLang });
export const ZOtpSent = z.object({ expiresAt: ZInstant });
export const ZOtpVerifyRequest = z.strictObject({
  phone: ZMobilePhone,
  otp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
});
export const ZOtpProof = z.object({ proof: z.string(), expiresAt: ZInstant });

export const ZQrUpload = z.object({
  /** What the report names the file by (signed: only this reporter's uploads). */
  token: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.int(),
});
export type TQrUpload = z.infer<typeof ZQrUpload>;

export const ZQrReportRequest = z.strictObject({
  /** The proof of the confirmed phone; not needed for a signed-in user of the customer. */
  proof: z.string().max(300).optional(),
  description: z.string().trim().min(2).max(2000),
  files: z.array(z.string().max(300)).max(10).default([]),
  /** The language of the tracking SMS. */
  lang: ZLang,
});
export const ZQrReportResult = z.object({
  outcome: z.enum(['created', 'joined']),
  ticketNumber: z.string(),
  trackingUrl: z.string(),
});
export type TQrReportResult = z.infer<typeof ZQrReportResult>;

export const TRACKING_STEPS = ['accepted', 'assigned', 'on_the_way', 'arrived', 'done', 'report'] as const;
export type TTrackingStep = (typeof TRACKING_STEPS)[number];
export const ZTracking = z.object({
  ticketNumber: z.string(),
  equipment: z.string().nullable(),
  steps: z.array(z.object({ step: z.enum(TRACKING_STEPS), at: ZInstant.nullable(), done: z.boolean() })),
  /** The engineer's public name only (王工, Tom). */
  engineer: z.string().nullable(),
  promised: z.array(z.object({ metric: z.string(), dueAt: ZInstant.nullable(), metAt: ZInstant.nullable() })),
  hotline: z.string(),
  /** The organisation's zone, in which the page writes the times. */
  timeZone: z.string(),
});
export type TTracking = z.infer<typeof ZTracking>;

export const ZWorkOrderScanRequest = z.strictObject({ code: ZLabelCode });
export const ZWorkOrderScan = z.object({
  assetId: ZId,
  /** The scanned equipment is one of this work order's: the scan stands as presence on site. */
  onThisWorkOrder: z.boolean(),
  at: ZInstant,
});
