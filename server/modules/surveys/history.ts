// Surveys asked and answered before now: what the demo dataset loads so the satisfaction report (≥ 95%)
// has months behind it. Each survey is asked the way the poller asks (the kind's own source read model,
// the same invitation row — contact, language, team, engineer, product — but no email or SMS: the past
// is not written to again) and answered through the same answer path as the link and the portal, at
// the time given: the answer's audit entry, `satisfied`, and the service-recovery ticket of an
// unsatisfied answer are the product's own.
import type { TSurveyAnswerRequest, TSurveyKind } from '../../../common/surveys-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { answer } from './answers.ts';
import { invitationRows } from './invite.ts';
import * as repo from './repository.ts';
import { surveySettingsOf } from './settings.ts';
import { sourceOf } from './sources.ts';

export interface PastSurvey {
  kind: TSurveyKind;
  /** The source (a closed ticket, a completed repair, a signed maintenance record) by its id. */
  sourceId: string;
  askedAt: Date;
  /** Not answered (still open, or expired unanswered) when absent. */
  answer?: { at: Date; channel: 'link' | 'portal'; input: TSurveyAnswerRequest };
}

const DAY_MS = 86_400_000;
/** How far before the earliest survey the sources are looked for (a survey follows its source). */
const SOURCE_WINDOW_MS = 60 * DAY_MS;

/**
 * Asks and answers `surveys` in the order they were asked; each source once (a source already asked
 * is left as it is). Sampling and the quiet period are the caller's choice here, not applied.
 * Returns, in the order given, each invitation's id and the recovery ticket its answer opened (null
 * for a source already asked).
 */
export async function recordPastSurveys(
  ctx: Ctx,
  surveys: PastSurvey[],
): Promise<({ invitationId: string; recoveryTicketId: string | null } | null)[]> {
  const settings = await surveySettingsOf(ctx.db);
  const ids: ({ invitationId: string; recoveryTicketId: string | null } | null)[] = [];
  for (const p of surveys) {
    const read = sourceOf(p.kind);
    if (!read) throw badRequest(`kind: no survey source for ${p.kind}`);
    const now = ctx.clock.now();
    if (p.askedAt > now || (p.answer && (p.answer.at < p.askedAt || p.answer.at > now)))
      throw badRequest('askedAt: a past survey is asked, then answered, before now');
    const sources = await read(
      ctx.db,
      { at: new Date(p.askedAt.getTime() - SOURCE_WINDOW_MS), id: null },
      p.askedAt,
      10_000,
    );
    const source = sources.find((x) => x.sourceId === p.sourceId);
    if (!source) throw badRequest(`sourceId: no ${p.kind} ${p.sourceId} before ${p.askedAt.toISOString()}`);
    if ((await repo.askedSources(ctx.db, p.kind, [p.sourceId])).size) {
      ids.push(null);
      continue;
    }
    const s = { ...settings.get(p.kind)!, samplingPercent: 100, quietDays: 0 };
    const { rows } = await invitationRows(ctx.db, p.kind, s, [source], p.askedAt);
    const [inv] = await repo.insertInvitations(ctx.db, rows);
    if (!p.answer || inv!.status !== 'open') {
      ids.push({ invitationId: inv!.id, recoveryTicketId: null });
      continue;
    }
    const at = p.answer.at;
    await answer({ ...ctx, clock: { now: () => new Date(at) } }, inv!.id, p.answer.input, p.answer.channel);
    const answered = await repo.findInvitation(ctx.db, { kind: 'all' }, inv!.id);
    ids.push({ invitationId: inv!.id, recoveryTicketId: answered?.recoveryTicketId ?? null });
  }
  return ids;
}
