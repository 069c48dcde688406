// Reports that write themselves (issue 19): the weekly service report, the monthly analysis and the
// customer's monthly service report per project. Each run keeps the figures it was generated from, so
// its PDF and workbook read the same numbers however often they are downloaded.
import { z } from 'zod';
import { addDays, daysInMonth, isDate, parseDate } from './calendar-dates.ts';

export const REPORT_KINDS = ['weekly', 'monthly', 'project_monthly'] as const;
export type TReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_LANGS = ['zh-CN', 'en'] as const;
export type TReportLang = (typeof REPORT_LANGS)[number];

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
/** A week is named by its Monday (ISO weeks, the organisation's calendar). */
const ZWeek = z.iso.date().refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'a Monday');

/** The local days [from, to] a period covers: a week by its Monday, a month as YYYY-MM. */
export function periodDays(kind: TReportKind, period: string): { from: string; to: string } {
  if (kind === 'weekly') return { from: period, to: addDays(period, 6) };
  const { y, m } = parseDate(`${period}-01`);
  return { from: `${period}-01`, to: `${period}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** The period before (the previous week's Monday, the previous month). */
export function previousPeriod(kind: TReportKind, period: string): string {
  if (kind === 'weekly') return addDays(period, -7);
  const { y, m } = parseDate(`${period}-01`);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The last whole period before the local day `today` (the job's: last week on Monday, last month on the 1st). */
export function lastWholePeriod(kind: TReportKind, today: string): string {
  if (kind === 'weekly') {
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    return addDays(today, -dow - 7);
  }
  return previousPeriod('monthly', today.slice(0, 7));
}

export const isPeriodOf = (kind: TReportKind, period: string) =>
  kind === 'weekly' ? ZWeek.safeParse(period).success && isDate(period) : ZMonth.safeParse(period).success;

// ---------- figures ----------
export const ZCount = z.object({ key: z.string(), count: z.int() });
export const ZReportSla = z.object({
  decided: z.int(),
  met: z.int(),
  breached: z.int(),
  compliancePercent: z.number().nullable(),
  breachMinutes: z.int(),
  targetPercent: z.number(),
});
export const ZReportSlaStage = ZReportSla.omit({ targetPercent: true }).extend({ key: z.string() });
export const ZReportBreach = z.object({
  ticketNumber: z.string(),
  subject: z.string(),
  customerName: z.string(),
  metric: z.string(),
  dueAt: z.iso.datetime(),
  breachMinutes: z.int(),
});
export const ZReportSatisfaction = z.object({
  answers: z.int(),
  satisfied: z.int(),
  ratePercent: z.number().nullable(),
  targetPercent: z.number(),
});
export const ZReportMaintenance = z.object({
  due: z.int(),
  onTime: z.int(),
  late: z.int(),
  missed: z.int(),
  open: z.int(),
  /** on time / (due − open), a fraction; null when nothing was decided. */
  onTimeRate: z.number().nullable(),
});

/** The figures of the weekly report, and of each month in the monthly analysis. */
export const ZServiceFigures = z.object({
  tickets: z.object({
    total: z.int(),
    byChannel: z.array(ZCount),
    byKind: z.array(ZCount),
    consultations: z.int(),
    /** Fault reports, return and training requests, others: what asks for service (not consultations or complaints). */
    serviceRequests: z.int(),
    complaints: z.int(),
  }),
  sla: ZReportSla,
  slaByStage: z.array(ZReportSlaStage),
  breaches: z.array(ZReportBreach),
  mttrMinutes: z.number().nullable(),
  restored: z.int(),
  satisfaction: ZReportSatisfaction,
  /** Complaints received (the complaints module's summary for a month; complaint tickets for a week). */
  complaints: z.object({
    total: z.int(),
    open: z.int().nullable(),
    upheld: z.int().nullable(),
    handledOnTime: z.int().nullable(),
    handledLate: z.int().nullable(),
  }),
  faultClasses: z.array(ZCount),
});
export type TServiceFigures = z.infer<typeof ZServiceFigures>;

export const ZReportAlert = z.object({
  number: z.string(),
  level: z.string(),
  groupName: z.string(),
  faultCategory: z.string(),
  count: z.int(),
  expected: z.number(),
});

export const ZMonthlyFigures = z.object({
  current: ZServiceFigures,
  previous: ZServiceFigures,
  maintenance: ZReportMaintenance,
  alerts: z.array(ZReportAlert),
});

export const ZProjectFigures = z.object({
  tickets: z.object({ total: z.int(), byKind: z.array(ZCount) }),
  ticketList: z.array(
    z.object({
      number: z.string(),
      subject: z.string(),
      kind: z.string(),
      status: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
  sla: ZReportSla,
  mttrMinutes: z.number().nullable(),
  workOrders: z.object({
    completed: z.int(),
    byKind: z.array(ZCount),
    list: z.array(
      z.object({
        number: z.string(),
        kind: z.string(),
        summary: z.string(),
        completedAt: z.iso.datetime(),
      }),
    ),
  }),
  maintenance: ZReportMaintenance,
  satisfaction: ZReportSatisfaction,
});

export const ZReportFigures = z.object({
  weekly: ZServiceFigures.optional(),
  monthly: ZMonthlyFigures.optional(),
  project: ZProjectFigures.optional(),
});
export type TReportFigures = z.infer<typeof ZReportFigures>;

export const ZReportRunSummary = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  period: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  projectId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  customerName: z.string().nullable(),
  /** Nothing happened in the period: the report says so. */
  empty: z.boolean(),
  trigger: z.enum(['job', 'manual']),
  generatedAt: z.iso.datetime(),
  emailedTo: z.int(),
});
export type TReportRunSummary = z.infer<typeof ZReportRunSummary>;
export const ZReportRun = ZReportRunSummary.extend({ figures: ZReportFigures });
export type TReportRun = z.infer<typeof ZReportRun>;

export const ZReportRunsQuery = z.strictObject({
  kind: z.enum(REPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZReportRunList = z.object({ items: z.array(ZReportRunSummary) });

export const ZGenerateReport = z
  .strictObject({
    kind: z.enum(REPORT_KINDS),
    /** A week's Monday (`2026-11-30`) or a month (`2026-11`). */
    period: z.string().trim().max(10),
    /** The project of a customer's monthly report. */
    projectId: z.uuid().optional(),
    /** Email it to the recipients now (the job always does). */
    email: z.boolean().default(false),
  })
  .superRefine((v, c) => {
    if (!isPeriodOf(v.kind, v.period))
      c.addIssue({
        code: 'custom',
        path: ['period'],
        message: v.kind === 'weekly' ? "a week's Monday as YYYY-MM-DD" : 'a month as YYYY-MM',
      });
    if (v.kind === 'project_monthly' && !v.projectId)
      c.addIssue({ code: 'custom', path: ['projectId'], message: 'required for a project report' });
    if (v.kind !== 'project_monthly' && v.projectId)
      c.addIssue({ code: 'custom', path: ['projectId'], message: 'only for a project report' });
  });
export type TGenerateReport = z.infer<typeof ZGenerateReport>;

export const ZReportFileQuery = z.strictObject({
  lang: z.enum(REPORT_LANGS).default('zh-CN'),
});

// ---------- recipients ----------
export const ZReportRecipient = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  /** The user's name, or null for an address. */
  name: z.string().nullable(),
  email: z.string().nullable(),
  lang: z.enum(REPORT_LANGS),
  weekly: z.boolean(),
  monthly: z.boolean(),
});
export type TReportRecipient = z.infer<typeof ZReportRecipient>;
export const ZReportRecipientInput = z
  .strictObject({
    userId: z.uuid().optional(),
    email: z.email().max(200).optional(),
    lang: z.enum(REPORT_LANGS).default('zh-CN'),
    weekly: z.boolean().default(true),
    monthly: z.boolean().default(true),
  })
  .superRefine((v, c) => {
    if (!v.userId && !v.email)
      c.addIssue({ code: 'custom', path: ['email'], message: 'a staff user or an email address' });
    if (v.userId && v.email)
      c.addIssue({ code: 'custom', path: ['email'], message: 'either a staff user or an email address' });
  });
export const ZReportRecipients = z.strictObject({ recipients: z.array(ZReportRecipientInput).max(100) });
export type TReportRecipients = z.infer<typeof ZReportRecipients>;
export const ZReportRecipientList = z.object({ items: z.array(ZReportRecipient) });

/** The customer's contacts who asked for the monthly project reports by email. */
export const ZReportSubscribers = z.strictObject({ contactIds: z.array(z.uuid()).max(200) });
export const ZReportSubscriberList = z.object({ contactIds: z.array(z.uuid()) });
