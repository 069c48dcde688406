// Answering a survey: by the signed link (no login) or in the portal by the customer's users. The
// link works once and expires; an unsatisfied answer (any rating ≤ 2, or the customer's own tick)
// opens a service-recovery ticket for the managers, kind complaint, so the sla module's complaint
// policy gives it its 24-hour handling target (篇1 六); the answer shows the ticket's number.
import { isSatisfied, needsRecovery } from '../../../common/survey-rules.ts';
import type { TPublicSurvey, TSurveyAnswerRequest } from '../../../common/surveys-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type Ctx, ctxInTransaction, SYSTEM_PRINCIPAL } from '../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { listActiveStaff, userNames } from '../accounts/index.ts';
import { customerFacts } from '../registry/index.ts';
import { createTicket, updateTicket } from '../tickets/index.ts';
import { type SurveyLinkConfig, verifySurveyToken } from './link-token.ts';
import * as repo from './repository.ts';

const gone = (message: string) => new AppError(410, 'Gone', message);
const ANSWERED = 'This survey has already been answered; the link works only once';
const EXPIRED = 'This survey link has expired';

/** The invitation behind a link: 404 for a malformed token or unknown id, 403 for a wrong signature. */
async function invitationOfToken(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const check = verifySurveyToken(link.secret, token);
  if (!check.ok) {
    if (check.reason === 'bad_signature')
      throw forbidden('This survey link is not valid (its signature does not match)');
    throw notFound('Survey');
  }
  const inv = await repo.findInvitation(ctx.db, { kind: 'all' }, check.id);
  if (!inv || inv.status === 'skipped') throw notFound('Survey');
  return { inv, tokenExpiresAt: check.expiresAt };
}

function isExpired(inv: repo.InvitationRow, now: Date, tokenExpiresAt?: Date) {
  return now >= inv.expiresAt || (tokenExpiresAt !== undefined && now >= tokenExpiresAt);
}

async function toPublic(ctx: Ctx, rows: repo.InvitationRow[]): Promise<TPublicSurvey[]> {
  const [customers, engineers] = await Promise.all([
    customerFacts(
      ctx.db,
      rows.map((r) => r.customerId),
    ),
    userNames(
      ctx.db,
      rows.flatMap((r) => (r.engineerId ? [r.engineerId] : [])),
    ),
  ]);
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status === 'answered' ? 'answered' : isExpired(r, now) ? 'expired' : 'open',
    locale: r.locale,
    customerName: customers.get(r.customerId)?.name ?? '',
    sourceNumber: r.sourceNumber,
    sourceAt: r.sourceAt.toISOString(),
    engineerName: r.engineerId ? (engineers.get(r.engineerId) ?? null) : null,
    expiresAt: r.expiresAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    timeZone: ctx.timeZone,
    answer:
      r.status === 'answered'
        ? {
            responseStars: r.responseStars ?? 0,
            engineerStars: r.engineerStars ?? 0,
            resultStars: r.resultStars ?? 0,
            comment: r.comment ?? '',
            notSatisfied: r.notSatisfied ?? false,
            satisfied: r.satisfied ?? false,
            recoveryTicketNumber: r.recoveryTicketNumber,
          }
        : null,
  }));
}

export async function surveyByLink(ctx: Ctx, link: SurveyLinkConfig, token: string): Promise<TPublicSurvey> {
  const { inv, tokenExpiresAt } = await invitationOfToken(ctx, link, token);
  const [view] = await toPublic(ctx, [inv]);
  if (view!.status === 'open' && isExpired(inv, ctx.clock.now(), tokenExpiresAt)) view!.status = 'expired';
  return view!;
}

export async function answerByLink(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  input: TSurveyAnswerRequest,
): Promise<TPublicSurvey> {
  const { inv, tokenExpiresAt } = await invitationOfToken(ctx, link, token);
  return answer(ctx, inv.id, input, 'link', tokenExpiresAt);
}

export async function listPortalSurveys(ctx: Ctx): Promise<TPublicSurvey[]> {
  if (ctx.scope.kind !== 'customer') return [];
  return toPublic(ctx, await repo.portalInvitations(ctx.db, ctx.scope.customerId, ctx.clock.now(), 50));
}

export async function answerInPortal(ctx: Ctx, id: string, input: TSurveyAnswerRequest) {
  // The customer answers; staff (an administrator holds every permission) do not answer for them.
  if (ctx.scope.kind !== 'customer') throw forbidden('Only the customer answers its survey');
  // Another organisation's survey is not found, the same answer as a missing one.
  const inv = await repo.findInvitation(ctx.db, ctx.scope, id);
  if (!inv || inv.status === 'skipped') throw notFound('Survey');
  return answer(ctx, id, input, 'portal');
}

/** Records the answer (once, before expiry) and opens the recovery when unsatisfied; by link, portal or past-survey load. */
export async function answer(
  ctx: Ctx,
  id: string,
  input: TSurveyAnswerRequest,
  channel: 'link' | 'portal',
  tokenExpiresAt?: Date,
): Promise<TPublicSurvey> {
  const row = await ctx.db.transaction(async (tx) => {
    const inv = await repo.lockInvitation(tx, id);
    if (!inv || inv.status === 'skipped') throw notFound('Survey');
    if (inv.status === 'answered') throw conflict(ANSWERED);
    const now = ctx.clock.now();
    if (isExpired(inv, now, tokenExpiresAt)) throw gone(EXPIRED);
    const stars = {
      responseStars: input.responseStars,
      engineerStars: input.engineerStars,
      resultStars: input.resultStars,
      notSatisfied: input.notSatisfied,
    };
    const saved = await repo.saveAnswer(tx, id, {
      ...stars,
      comment: input.comment,
      satisfied: isSatisfied(stars),
      status: 'answered',
      answeredAt: now,
      answeredBy: ctx.principal.userId,
      channel,
    });
    if (!saved) throw conflict(ANSWERED);
    await writeAudit(tx, ctx, {
      action: 'surveys.answer',
      entityType: 'survey_invitation',
      entityId: id,
      before: null,
      after: { ...stars, comment: input.comment, channel },
    });
    if (!needsRecovery(stars)) return saved;
    const ticket = await openRecovery(ctxInTransaction(ctx, tx), saved);
    await repo.setRecovery(tx, id, ticket.id, ticket.number);
    return { ...saved, recoveryTicketId: ticket.id, recoveryTicketNumber: ticket.number };
  });
  return (await toPublic(ctx, [row]))[0]!;
}

const STAR_WORDS = ['响应 response', '工程师 engineer', '结果 result'] as const;

/** The service-recovery ticket (服务补救): a complaint-kind ticket for the managers, high priority. */
async function openRecovery(ctx: Ctx, inv: repo.InvitationRow) {
  // Whoever answered, the ticket is the organisation's own: opened by the system, seen by staff.
  const system: Ctx = {
    ...ctx,
    principal: { ...SYSTEM_PRINCIPAL, label: 'surveys', displayName: 'surveys' },
    scope: { kind: 'all' },
  };
  const stars = [inv.responseStars, inv.engineerStars, inv.resultStars];
  const ticket = await createTicket(system, {
    kind: 'complaint',
    customerId: inv.customerId,
    contactId: inv.contactId,
    projectId: inv.projectId,
    assetIds: [],
    channel: inv.channel === 'portal' ? 'portal' : 'email',
    priority: 'high',
    emergency: false,
    complexity: 'general',
    attachmentIds: [],
    subject: `服务补救：满意度调查不满意 Service recovery: unsatisfied survey${inv.sourceNumber ? ` (${inv.sourceNumber})` : ''}`,
    description: [
      ...STAR_WORDS.map((w, i) => `${w}: ${'★'.repeat(stars[i] ?? 0)}${'☆'.repeat(5 - (stars[i] ?? 0))}`),
      inv.notSatisfied ? '客户勾选“我不满意” The customer ticked "I\'m not satisfied"' : '',
      inv.comment ? `意见 Comment: ${inv.comment}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  });
  const [manager] = await listActiveStaff(ctx.db, 'manager', 1);
  await updateTicket(system, ticket.id, {
    version: ticket.version,
    tags: ['service-recovery'],
    ...(manager ? { assigneeId: manager.id } : {}),
  });
  return ticket;
}
