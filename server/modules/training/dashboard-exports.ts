// Each table of the trainer's dashboard as an Excel workbook, with the figures the screen shows: the
// export computes the dashboard for the period and writes the chosen table.
import type {
  TTrainingDashboard,
  TTrainingDashboardQuery,
  TTrainingDashboardTable,
  TTrainingFigure,
} from '../../../common/training-dashboard-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { XlsxColumn, XlsxExport } from '../../platform/xlsx-export.ts';
import { trainingDashboard } from './dashboard.ts';

type Session = TTrainingDashboard['sessions'][number];
type Row = TTrainingFigure | Session;

const TITLES: Record<TTrainingDashboardTable, { zh: string; en: string; group: { zh: string; en: string } }> =
  {
    trend: { zh: '培训按月', en: 'Training by month', group: { zh: '月份', en: 'Month' } },
    byCourse: { zh: '培训按课程', en: 'Training by course', group: { zh: '课程', en: 'Course' } },
    byTrainer: { zh: '培训按讲师', en: 'Training by trainer', group: { zh: '讲师', en: 'Trainer' } },
    sessions: { zh: '培训课次', en: 'Training sessions', group: { zh: '课次', en: 'Session' } },
  };

const SESSION_COLUMNS: XlsxColumn<Row>[] = [
  { zh: '开始时间', en: 'Starts', width: 18, value: (r, f) => f.dateTime((r as Session).startsAt) },
  { zh: '课程', en: 'Course', width: 30, value: (r) => (r as Session).courseTitle },
  { zh: '讲师', en: 'Trainer', width: 16, value: (r) => (r as Session).trainerName },
  { zh: '报名', en: 'Enrolled', value: (r) => (r as Session).enrolled },
  { zh: '出勤', en: 'Attended', value: (r) => (r as Session).attended },
  { zh: '平均评分', en: 'Mean stars', value: (r) => (r as Session).stars },
];

function figureColumns(table: TTrainingDashboardTable): XlsxColumn<Row>[] {
  const f = (r: Row) => r as TTrainingFigure;
  return [
    { ...TITLES[table].group, width: 30, value: (r) => f(r).label || f(r).key },
    { zh: '课次', en: 'Sessions', value: (r) => f(r).sessions },
    { zh: '报名', en: 'Enrolled', value: (r) => f(r).enrolled },
    { zh: '出勤', en: 'Attended', value: (r) => f(r).attended },
    { zh: '出勤率（%）', en: 'Attendance (%)', value: (r) => f(r).attendancePercent },
    { zh: '考试', en: 'Exams decided', value: (r) => f(r).attempts },
    { zh: '通过', en: 'Passed', value: (r) => f(r).passed },
    { zh: '通过率（%）', en: 'Pass rate (%)', value: (r) => f(r).passPercent },
    { zh: '补考', en: 'Retakes', value: (r) => f(r).retakes },
    { zh: '补考通过', en: 'Retakes passed', value: (r) => f(r).retakesPassed },
    { zh: '评价份数', en: 'Evaluations', value: (r) => f(r).evaluations },
    { zh: '平均评分', en: 'Mean stars', value: (r) => f(r).meanStars },
    { zh: '满意', en: 'Satisfied', value: (r) => f(r).satisfied },
  ];
}

export function trainingDashboardExport(
  ctx: Ctx,
  reads: Executor,
  q: TTrainingDashboardQuery,
  table: TTrainingDashboardTable,
): XlsxExport<Row> {
  const t = TITLES[table];
  return {
    name: `training-${table.toLowerCase()}`,
    sheet: { zh: t.zh, en: t.en },
    columns: table === 'sessions' ? SESSION_COLUMNS : figureColumns(table),
    page: async () => {
      const d = await trainingDashboard(ctx, reads, q);
      return { rows: d[table], next: null };
    },
  };
}
