// Zod schemas of the planned-maintenance API (issue 16): maintenance settings (the seed's intervals),
// templates with their checklists, and maintenance plans per project.
import { z } from 'zod';
import { patchOf, ZId } from './api.ts';
import { SIZE_CLASSES } from './registry-api.ts';

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const ZMonths = z.int().min(1).max(120);

// ---------- settings ----------
/**
 * The seed's numbers (篇1 二.4 / 四.4, 篇4 d): small equipment monthly, medium every two months, large
 * quarterly; a monthly patrol, a quarterly electrical cleaning and a yearly overhaul; a 90-day horizon.
 */
export const DEFAULT_MAINTENANCE_SETTINGS = {
  smallMonths: 1,
  mediumMonths: 2,
  largeMonths: 3,
  patrolMonths: 1,
  electricalCleaningMonths: 3,
  overhaulMonths: 12,
  horizonDays: 90,
  shiftDirection: 'earlier',
  /** The SLA calendar whose closed days visits avoid; null: Monday–Friday with the official Chinese holidays. */
  calendarId: null,
  /** The service centre reviews signed maintenance records (approve, or return to the engineer). */
  reviewRequired: true,
  /** 提前通知: the customer contact is told this many days before a visit (0: no reminder). */
  reminderDays: 3,
  /** Days after the due date a visit still counts as done on time (its due window closes after them). */
  graceDays: 7,
  /** Days before the due window closes that the service managers are warned of an undone visit. */
  warningLeadDays: 3,
  /** Plan tuning: visits in a row that found nothing (and no failure) before a longer interval is proposed. */
  tuningCleanVisits: 4,
  /** 特殊巡查 from a quality alert: due within this many days unless the engineer names a day. */
  specialInspectionDays: 3,
} as const;

export const SHIFT_DIRECTIONS = ['earlier', 'later'] as const;
const settingsFields = {
  smallMonths: ZMonths,
  mediumMonths: ZMonths,
  largeMonths: ZMonths,
  patrolMonths: ZMonths,
  electricalCleaningMonths: ZMonths,
  overhaulMonths: ZMonths,
  horizonDays: z.int().min(7).max(731),
  shiftDirection: z.enum(SHIFT_DIRECTIONS),
  calendarId: ZId.nullable(),
  reviewRequired: z.boolean().default(true),
  reminderDays: z.int().min(0).max(60),
};
/** Added after the first release: optional in a change (the stored or default value stays). */
const laterSettingsFields = {
  graceDays: z.int().min(0).max(60),
  warningLeadDays: z.int().min(0).max(60),
  tuningCleanVisits: z.int().min(2).max(24),
  specialInspectionDays: z.int().min(0).max(60),
};
export const ZMaintenanceSettings = z.object({
  ...settingsFields,
  ...laterSettingsFields,
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TMaintenanceSettings = z.infer<typeof ZMaintenanceSettings>;
export const ZUpdateMaintenanceSettingsRequest = z.strictObject({
  ...settingsFields,
  graceDays: laterSettingsFields.graceDays.optional(),
  warningLeadDays: laterSettingsFields.warningLeadDays.optional(),
  tuningCleanVisits: laterSettingsFields.tuningCleanVisits.optional(),
  specialInspectionDays: laterSettingsFields.specialInspectionDays.optional(),
  version: z.int().min(0).max(2_147_483_647),
});
export type TUpdateMaintenanceSettingsRequest = z.infer<typeof ZUpdateMaintenanceSettingsRequest>;

// ---------- templates ----------
/** routine: the size-class interval; the others are 篇4's cycles; custom: the owner's own cycle. */
export const MAINTENANCE_CYCLES = ['routine', 'patrol', 'electrical_cleaning', 'overhaul', 'custom'] as const;
export type TMaintenanceCycle = (typeof MAINTENANCE_CYCLES)[number];
/** check: pass / fail / not applicable; measurement: a number in an allowed range; reading: a meter value. */
export const CHECKLIST_ITEM_KINDS = ['check', 'measurement', 'reading', 'photo', 'note'] as const;

export const ZChecklistItem = z
  .strictObject({
    key: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, - and _ only'),
    label: text(200),
    kind: z.enum(CHECKLIST_ITEM_KINDS),
    required: z.boolean().default(true),
    photoRequired: z.boolean().default(false),
    unit: z.string().trim().min(1).max(20).nullable().default(null),
    min: z.number().finite().nullable().default(null),
    max: z.number().finite().nullable().default(null),
  })
  .superRefine((item, c) => {
    if (item.min !== null && item.max !== null && item.min > item.max)
      c.addIssue({ code: 'custom', path: ['max'], message: 'the maximum is below the minimum' });
    if (item.kind === 'measurement' && item.min === null && item.max === null)
      c.addIssue({ code: 'custom', path: ['min'], message: 'a measurement needs a minimum or a maximum' });
    if (item.kind === 'measurement' && item.unit === null)
      c.addIssue({ code: 'custom', path: ['unit'], message: 'a measurement needs a unit' });
    if (item.kind !== 'measurement' && item.kind !== 'reading' && (item.min !== null || item.max !== null))
      c.addIssue({ code: 'custom', path: ['min'], message: 'only measurements and readings have a range' });
  });
export type TChecklistItem = z.output<typeof ZChecklistItem>;

const templateFields = {
  name: text(100),
  cycle: z.enum(MAINTENANCE_CYCLES),
  /** The product category it applies to; null: every category. */
  category: z.string().trim().min(1).max(60).nullable().default(null),
  /** The size class it applies to; null: every size class. */
  sizeClass: z.enum(SIZE_CLASSES).nullable().default(null),
  /** Months between visits; null: the setting for the cycle (and, for routine, the asset's size class). */
  intervalMonths: ZMonths.nullable().default(null),
  checklist: z
    .array(ZChecklistItem)
    .min(1, 'a checklist needs at least one item')
    .max(200)
    .superRefine((items, c) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.key))
          c.addIssue({ code: 'custom', path: [i, 'key'], message: 'keys must be unique' });
        seen.add(it.key);
      });
    }),
  active: z.boolean().default(true),
};
export const ZCreateTemplateRequest = z.strictObject(templateFields);
export type TCreateTemplateRequest = z.infer<typeof ZCreateTemplateRequest>;
export const ZUpdateTemplateRequest = patchOf(templateFields);
export type TUpdateTemplateRequest = z.infer<typeof ZUpdateTemplateRequest>;

export const ZTemplate = z.object({
  id: ZId,
  name: z.string(),
  cycle: z.enum(MAINTENANCE_CYCLES),
  category: z.string().nullable(),
  sizeClass: z.enum(SIZE_CLASSES).nullable(),
  intervalMonths: z.int().nullable(),
  /** The interval in force: its own, or the setting's; null when it depends on each asset's size class. */
  effectiveIntervalMonths: z.int().nullable(),
  checklist: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(CHECKLIST_ITEM_KINDS),
      required: z.boolean(),
      photoRequired: z.boolean(),
      unit: z.string().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
    }),
  ),
  active: z.boolean(),
  version: z.int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TTemplate = z.infer<typeof ZTemplate>;

// ---------- plans ----------
/** fixed: calendar dates from the start; floating: the next visit counted from the last completion. */
export const PLAN_MODES = ['fixed', 'floating'] as const;
const ZTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

const planFields = {
  projectId: ZId,
  name: text(100),
  assetIds: z.array(ZId).min(1, 'choose at least one piece of equipment').max(5000),
  templateIds: z.array(ZId).min(1, 'choose at least one template').max(50),
  startsOn: ZDate,
  /** null: open-ended. */
  endsOn: ZDate.nullable().default(null),
  mode: z.enum(PLAN_MODES).default('fixed'),
  /** ISO weekday 1 (Monday) … 7 (Sunday); null: any working day. */
  preferredWeekday: z.int().min(1).max(7).nullable().default(null),
  windowStart: ZTimeOfDay.nullable().default(null),
  windowEnd: ZTimeOfDay.nullable().default(null),
  active: z.boolean().default(true),
  notes: z.string().trim().max(2000).nullable().default(null),
};
export const ZCreatePlanRequest = z.strictObject(planFields);
export type TCreatePlanRequest = z.infer<typeof ZCreatePlanRequest>;
const { projectId: _project, ...changeablePlanFields } = planFields;
export const ZUpdatePlanRequest = patchOf(changeablePlanFields);
export type TUpdatePlanRequest = z.infer<typeof ZUpdatePlanRequest>;

export const ZPlanListQuery = z.object({
  projectId: ZId.optional(),
  customerId: ZId.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const ZPlanItem = z.object({
  assetId: ZId,
  assetLabel: z.string(),
  templateId: ZId,
  templateName: z.string(),
  intervalMonths: z.int(),
});
export const ZPlan = z.object({
  id: ZId,
  customerId: ZId,
  customerName: z.string(),
  projectId: ZId,
  projectName: z.string(),
  name: z.string(),
  assetIds: z.array(ZId),
  templateIds: z.array(ZId),
  startsOn: ZDate,
  endsOn: ZDate.nullable(),
  mode: z.enum(PLAN_MODES),
  preferredWeekday: z.int().nullable(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  active: z.boolean(),
  notes: z.string().nullable(),
  /** The maintenance contract the plan was made from (篇4 g.8); null: made by hand. */
  contractId: ZId.nullable(),
  /** The owner's own cycle in months when the contract says so (every item runs at it); null: the templates'. */
  intervalMonths: z.int().nullable(),
  /** Each asset with each template that applies to it (its category and size class), and the interval. */
  items: z.array(ZPlanItem),
  version: z.int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TPlan = z.infer<typeof ZPlan>;
export const ZPlanSummary = ZPlan.omit({ items: true, assetIds: true, templateIds: true }).extend({
  assetCount: z.int(),
  templateCount: z.int(),
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

// ---------- visits (generation) ----------
/** Why a visit is due: the plan's mode and interval, the date it counts from, and any move off closed days. */
export const ZVisitReason = z.object({
  mode: z.enum(PLAN_MODES),
  intervalMonths: z.int(),
  /** fixed: the plan's start; floating: the last completion (or the start before any). */
  countedFrom: ZDate,
  nominalOn: ZDate,
  /** The date before it moved to the preferred weekday or off a closed day; null when it did not move. */
  movedFrom: ZDate.nullable(),
});
export type TVisitReason = z.infer<typeof ZVisitReason>;

export const ZPlanVisit = z.object({
  visitId: ZId,
  dueOn: ZDate,
  workOrderId: ZId,
  workOrderNumber: z.string(),
  workOrderStatus: z.string(),
  assetId: ZId,
  assetLabel: z.string(),
  templateId: ZId,
  templateName: z.string(),
  reason: ZVisitReason,
});
export type TPlanVisit = z.infer<typeof ZPlanVisit>;

export const ZGenerateResult = z.object({
  projects: z.int(),
  visitsCreated: z.int(),
  visitsChanged: z.int(),
  visitsCancelled: z.int(),
  itemsAdded: z.int(),
  itemsRemoved: z.int(),
});
export type TGenerateResult = z.infer<typeof ZGenerateResult>;
