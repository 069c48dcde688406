// The trainer's dashboard's SQL (docs/analytics.md, "Training"): the period's sessions with their
// enrolment and attendance, and the exams decided in the period with the session's course and trainer.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface Period {
  start: Date;
  end: Date;
  timeZone: string;
}

export type SessionRow = {
  id: string;
  course_id: string;
  course_title: string;
  trainer_id: string;
  starts_at: Date;
  month: string;
  enrolled: number;
  attended: number;
};

/** Sessions starting in the period (by the local day of their start). */
export async function sessionsIn(db: Executor, p: Period): Promise<SessionRow[]> {
  const r = await db.execute<SessionRow>(sql`
    select s.id, s.course_id, c.title as course_title, s.trainer_id, s.starts_at,
      to_char((s.starts_at at time zone ${p.timeZone})::date, 'YYYY-MM') as month,
      count(t.id) filter (where t.status = 'enrolled')::int as enrolled,
      count(t.id) filter (where t.status = 'enrolled' and t.attended_at is not null)::int as attended
    from training_sessions s join training_courses c on c.id = s.course_id
    left join training_trainees t on t.session_id = s.id
    where s.starts_at >= ${p.start.toISOString()}::timestamptz and s.starts_at < ${p.end.toISOString()}::timestamptz
    group by s.id, c.title order by s.starts_at, s.id`);
  return r.rows;
}

export type AttemptRow = {
  course_id: string;
  course_title: string;
  trainer_id: string | null;
  month: string;
  attempts: number;
  passed: number;
  retakes: number;
  retakes_passed: number;
};

/** Exams decided (passed or failed) with their submission in the period, per course, trainer and month. */
export async function attemptsIn(db: Executor, p: Period): Promise<AttemptRow[]> {
  const r = await db.execute<AttemptRow>(sql`
    select a.course_id, c.title as course_title, s.trainer_id,
      to_char((a.submitted_at at time zone ${p.timeZone})::date, 'YYYY-MM') as month,
      count(*)::int as attempts,
      count(*) filter (where a.status = 'passed')::int as passed,
      count(*) filter (where a.number > 1)::int as retakes,
      count(*) filter (where a.number > 1 and a.status = 'passed')::int as retakes_passed
    from training_attempts a join training_courses c on c.id = a.course_id
    join training_trainees t on t.id = a.trainee_id
    left join training_sessions s on s.id = t.session_id
    where a.status in ('passed', 'failed')
      and a.submitted_at >= ${p.start.toISOString()}::timestamptz and a.submitted_at < ${p.end.toISOString()}::timestamptz
    group by 1, 2, 3, 4`);
  return r.rows;
}
