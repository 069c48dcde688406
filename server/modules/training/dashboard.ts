// The trainer's dashboard (issue 19; definitions in docs/analytics.md, "Training"): the period's
// sessions, attendance (attended / enrolled), exams decided with the pass rate and retakes, and the
// sessions' evaluations (mean stars, satisfied) per month, course and trainer.
import { TZDate } from '@date-fns/tz';
import { addDays } from '../../../common/calendar-dates.ts';
import type {
  TTrainingDashboard,
  TTrainingDashboardQuery,
  TTrainingFigure,
} from '../../../common/training-dashboard-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { userNames } from '../accounts/index.ts';
import { sessionEvaluations, surveySettingsOf } from '../surveys/index.ts';
import * as repo from './dashboard-repository.ts';

const percent = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

interface Acc {
  key: string | null;
  label: string;
  sessions: number;
  enrolled: number;
  attended: number;
  attempts: number;
  passed: number;
  retakes: number;
  retakesPassed: number;
  evaluations: number;
  stars: number;
  satisfied: number;
}
const acc = (key: string | null, label: string): Acc => ({
  key,
  label,
  sessions: 0,
  enrolled: 0,
  attended: 0,
  attempts: 0,
  passed: 0,
  retakes: 0,
  retakesPassed: 0,
  evaluations: 0,
  stars: 0,
  satisfied: 0,
});
const figure = (a: Acc): TTrainingFigure => ({
  key: a.key,
  label: a.label,
  sessions: a.sessions,
  enrolled: a.enrolled,
  attended: a.attended,
  attendancePercent: percent(a.attended, a.enrolled),
  attempts: a.attempts,
  passed: a.passed,
  passPercent: percent(a.passed, a.attempts),
  retakes: a.retakes,
  retakesPassed: a.retakesPassed,
  evaluations: a.evaluations,
  meanStars: a.evaluations ? Math.round((a.stars / a.evaluations) * 100) / 100 : null,
  satisfied: a.satisfied,
});

export async function trainingDashboard(
  ctx: Ctx,
  reads: Executor,
  q: TTrainingDashboardQuery,
): Promise<TTrainingDashboard> {
  const at = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, day, 0, 0, 0, ctx.timeZone).getTime());
  };
  const p = { start: at(q.from), end: at(addDays(q.to, 1)), timeZone: ctx.timeZone };
  const [sessions, attempts, settings] = await Promise.all([
    repo.sessionsIn(reads, p),
    repo.attemptsIn(reads, p),
    surveySettingsOf(reads),
  ]);
  const trainerIds = [
    ...new Set([
      ...sessions.map((s) => s.trainer_id),
      ...attempts.flatMap((a) => (a.trainer_id ? [a.trainer_id] : [])),
    ]),
  ];
  const [evaluations, names] = await Promise.all([
    sessionEvaluations(
      reads,
      sessions.map((s) => s.id),
    ),
    userNames(reads, trainerIds),
  ]);
  const total = acc(null, '');
  const groups = {
    trend: new Map<string, Acc>(),
    byCourse: new Map<string, Acc>(),
    byTrainer: new Map<string, Acc>(),
  };
  const into = (map: Map<string, Acc>, key: string, label: string) => {
    const found = map.get(key);
    if (found) return found;
    const a = acc(key, label);
    map.set(key, a);
    return a;
  };
  const targets = (month: string, courseId: string, courseTitle: string, trainerId: string | null) => [
    total,
    into(groups.trend, month, month),
    into(groups.byCourse, courseId, courseTitle),
    ...(trainerId ? [into(groups.byTrainer, trainerId, names.get(trainerId) ?? '')] : []),
  ];
  for (const s of sessions) {
    const e = evaluations.get(s.id);
    for (const a of targets(s.month, s.course_id, s.course_title, s.trainer_id)) {
      a.sessions += 1;
      a.enrolled += s.enrolled;
      a.attended += s.attended;
      if (e?.stars != null) {
        a.evaluations += 1;
        a.stars += e.stars;
        if (e.satisfied) a.satisfied += 1;
      }
    }
  }
  for (const r of attempts)
    for (const a of targets(r.month, r.course_id, r.course_title, r.trainer_id)) {
      a.attempts += r.attempts;
      a.passed += r.passed;
      a.retakes += r.retakes;
      a.retakesPassed += r.retakes_passed;
    }
  const list = (m: Map<string, Acc>) =>
    [...m.values()].map(figure).sort((a, b) => b.sessions - a.sessions || a.label.localeCompare(b.label));
  return {
    total: figure(total),
    trend: [...groups.trend.values()].map(figure).sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1)),
    byCourse: list(groups.byCourse),
    byTrainer: list(groups.byTrainer),
    sessions: sessions.map((s) => ({
      id: s.id,
      courseId: s.course_id,
      courseTitle: s.course_title,
      trainerId: s.trainer_id,
      trainerName: names.get(s.trainer_id) ?? '',
      startsAt: new Date(s.starts_at).toISOString(),
      enrolled: s.enrolled,
      attended: s.attended,
      stars: evaluations.get(s.id)?.stars ?? null,
    })),
    targetPercent: settings.get('training')?.targetPercent ?? 95,
  };
}

/** The trainer's home figures over the period (this month). */
export async function trainingKeyFigures(ctx: Ctx, from: string, to: string) {
  const { total } = await trainingDashboard(ctx, ctx.db, { from, to });
  return {
    sessions: total.sessions,
    attendancePercent: total.attendancePercent,
    passPercent: total.passPercent,
    meanStars: total.meanStars,
  };
}
