// Read model for analytics' staff figures (docs/analytics.md): satisfaction per engineer, the answers
// given in [from, to) (index survey_invitations_answered_idx), satisfied as the surveys module decides
// (`isSatisfied`, stored at answer time) — the same rule as its satisfaction report.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface StaffSatisfaction {
  engineerId: string;
  answers: number;
  satisfied: number;
}

export async function satisfactionByEngineer(
  db: Executor,
  q: { from: Date; to: Date; customerId?: string; projectId?: string; engineerId?: string },
): Promise<StaffSatisfaction[]> {
  const r = await db.execute<{ engineer_id: string; answers: number; satisfied: number }>(sql`
    select s.engineer_id, count(*)::int as answers, count(*) filter (where s.satisfied)::int as satisfied
      from survey_invitations s
     where s.answered_at >= ${q.from.toISOString()}::timestamptz and s.answered_at < ${q.to.toISOString()}::timestamptz
       and s.engineer_id is not null
       ${q.customerId ? sql`and s.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and s.project_id = ${q.projectId}::uuid` : sql``}
       ${q.engineerId ? sql`and s.engineer_id = ${q.engineerId}::uuid` : sql``}
     group by s.engineer_id`);
  return r.rows.map((x) => ({
    engineerId: x.engineer_id,
    answers: Number(x.answers),
    satisfied: Number(x.satisfied),
  }));
}

export interface SatisfactionDay {
  day: string;
  customerId: string;
  projectId: string | null;
  engineerId: string;
  answers: number;
  satisfied: number;
}

/**
 * satisfactionByEngineer's counts per local day of answer, customer, project and engineer (analytics'
 * rollup); an answer is written once, so the days to recompute are those of the answers given since.
 */
export async function satisfactionByDay(
  db: Executor,
  q: { from: Date; to: Date; timeZone: string },
): Promise<SatisfactionDay[]> {
  const r = await db.execute<{
    day: string;
    customer_id: string;
    project_id: string | null;
    engineer_id: string;
    answers: number;
    satisfied: number;
  }>(sql`
    select to_char(s.answered_at at time zone ${q.timeZone}, 'YYYY-MM-DD') as day, s.customer_id, s.project_id,
           s.engineer_id, count(*)::int as answers, count(*) filter (where s.satisfied)::int as satisfied
      from survey_invitations s
     where s.answered_at >= ${q.from.toISOString()}::timestamptz and s.answered_at < ${q.to.toISOString()}::timestamptz
       and s.engineer_id is not null
     group by 1, s.customer_id, s.project_id, s.engineer_id`);
  return r.rows.map((x) => ({
    day: x.day,
    customerId: x.customer_id,
    projectId: x.project_id,
    engineerId: x.engineer_id,
    answers: Number(x.answers),
    satisfied: Number(x.satisfied),
  }));
}
