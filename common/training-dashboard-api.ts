// The trainer's dashboard (issue 19): sessions in the period, attendance, pass rate and retakes,
// evaluation scores per course and trainer. Definitions in docs/analytics.md ("Training").
import { z } from 'zod';
import { MAX_PERIOD_DAYS } from './analytics-api.ts';

export const ZTrainingDashboardQuery = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'before from' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `period longer than ${MAX_PERIOD_DAYS} days` });
  });
export type TTrainingDashboardQuery = z.infer<typeof ZTrainingDashboardQuery>;

export const ZTrainingFigure = z.object({
  /** Month (`2026-11`), course id or trainer id; the total has none. */
  key: z.string().nullable(),
  label: z.string(),
  sessions: z.int(),
  enrolled: z.int(),
  attended: z.int(),
  /** attended / enrolled, one decimal; null when nobody was enrolled. */
  attendancePercent: z.number().nullable(),
  /** Exams decided (passed or failed) in the period, and passed. */
  attempts: z.int(),
  passed: z.int(),
  passPercent: z.number().nullable(),
  /** Decided attempts that were a retake (the trainee's 2nd or later), and of those passed. */
  retakes: z.int(),
  retakesPassed: z.int(),
  /** Answered evaluations of the period's sessions, their mean stars (1–5, two decimals), satisfied. */
  evaluations: z.int(),
  meanStars: z.number().nullable(),
  satisfied: z.int(),
});
export type TTrainingFigure = z.infer<typeof ZTrainingFigure>;

export const ZTrainingDashboard = z.object({
  total: ZTrainingFigure,
  trend: z.array(ZTrainingFigure),
  byCourse: z.array(ZTrainingFigure),
  byTrainer: z.array(ZTrainingFigure),
  /** The period's sessions (the drill-down), the earliest first. */
  sessions: z.array(
    z.object({
      id: z.uuid(),
      courseId: z.uuid(),
      courseTitle: z.string(),
      trainerId: z.uuid(),
      trainerName: z.string(),
      startsAt: z.iso.datetime({ offset: true }),
      enrolled: z.int(),
      attended: z.int(),
      stars: z.number().nullable(),
    }),
  ),
  /** Target line of the evaluation (the surveys' satisfaction target, percent). */
  targetPercent: z.number(),
});
export type TTrainingDashboard = z.infer<typeof ZTrainingDashboard>;

/** The dashboard's tables, each exported to Excel with the figures the screen shows. */
export const TRAINING_DASHBOARD_TABLES = ['trend', 'byCourse', 'byTrainer', 'sessions'] as const;
export type TTrainingDashboardTable = (typeof TRAINING_DASHBOARD_TABLES)[number];
