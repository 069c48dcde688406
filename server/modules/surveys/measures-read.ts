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
