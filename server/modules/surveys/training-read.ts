// Read model for the trainer's dashboard (issue 19): the evaluation of training sessions — each answered
// survey's mean stars (response, trainer, result) and whether the trainee was satisfied.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { surveyInvitations } from './schema.ts';

export async function sessionEvaluations(
  db: Executor,
  sessionIds: readonly string[],
): Promise<Map<string, { stars: number | null; satisfied: boolean | null }>> {
  if (!sessionIds.length) return new Map();
  const rows = await db
    .select({
      sourceId: surveyInvitations.sourceId,
      a: surveyInvitations.responseStars,
      b: surveyInvitations.engineerStars,
      c: surveyInvitations.resultStars,
      satisfied: surveyInvitations.satisfied,
    })
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.kind, 'training'),
        inArray(surveyInvitations.sourceId, [...sessionIds]),
        isNotNull(surveyInvitations.answeredAt),
      ),
    );
  const out = new Map<string, { stars: number | null; satisfied: boolean | null }>();
  for (const r of rows) {
    const given = [r.a, r.b, r.c].filter((s): s is number => s !== null);
    out.set(r.sourceId, {
      stars: given.length ? given.reduce((x, y) => x + y, 0) / given.length : null,
      satisfied: r.satisfied,
    });
  }
  return out;
}
