// The survey poller (job `surveys.invite`): for each enabled kind with a source, read what happened
// after the kind's watermark, decide per source — drawn by sampling? customer asked within the quiet
// period? an address to write to? — and record one invitation per source (unique kind + source: a
// rerun or a second instance asks nobody twice). Invitations that ask go out by email and SMS through
// the outbox as a signed link, in the same transaction that records them and moves the watermark.
import { isSampled } from '../../../common/survey-rules.ts';
import { SURVEY_KINDS, type TSurveyKind, type TSurveySettings } from '../../../common/surveys-api.ts';
import type { Executor } from '../../db/pool.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { customerReaderLocale } from '../accounts/index.ts';
import { contactFacts, customerFacts, maintenanceAssetFacts, siteContacts } from '../registry/index.ts';
import { type SurveyLinkConfig, surveyUrl } from './link-token.ts';
import * as repo from './repository.ts';
import { surveySettingsOf } from './settings.ts';
import { type SurveySource, sourceOf } from './sources.ts';

const BATCH = 500;
const DAY_MS = 86_400_000;
/** A kind polled for the first time starts a day back: a new installation does not survey its history. */
const FIRST_LOOK_BACK_MS = DAY_MS;
/**
 * Each run reads again the last 10 minutes before its watermark: a source stamped earlier but committed
 * later (or stamped at the same instant with a smaller id) is not passed over. Sources already asked
 * are dropped by the unique key's lookup, so the overlap costs one indexed read.
 */
const OVERLAP_MS = 10 * 60_000;

const KIND_TEXT: Record<TSurveyKind, [string, string]> = {
  ticket: ['服务请求', 'service request'],
  repair: ['维修', 'repair'],
  maintenance: ['维护保养', 'maintenance visit'],
  training: ['培训', 'training'],
};

export async function inviteSurveys(
  ctx: Ctx,
  link: SurveyLinkConfig,
): Promise<{ invited: number; skipped: number }> {
  const settings = await surveySettingsOf(ctx.db);
  let invited = 0;
  let skipped = 0;
  for (const kind of SURVEY_KINDS) {
    const read = sourceOf(kind);
    const s = settings.get(kind)!;
    if (!read || !s.enabled) continue;
    const mark = await repo.findWatermark(ctx.db, kind);
    const start = ctx.clock.now();
    // Pages of the run follow each other by (time, id); only the first starts before the watermark.
    let after = mark
      ? { at: new Date(mark.afterAt.getTime() - OVERLAP_MS), id: null as string | null }
      : { at: new Date(start.getTime() - FIRST_LOOK_BACK_MS), id: null as string | null };
    for (;;) {
      const batch = await ctx.db.transaction(async (tx) => {
        const now = ctx.clock.now();
        const sources = await read(tx, after, now, BATCH);
        if (!sources.length) return 0;
        const known = await repo.askedSources(
          tx,
          kind,
          sources.map((x) => x.sourceId),
        );
        const fresh = sources.filter((x) => !known.has(x.sourceId));
        const result = await inviteBatch(ctxInTransaction(ctx, tx), link, kind, s, fresh, now);
        invited += result.invited;
        skipped += result.skipped;
        const last = sources.at(-1)!;
        after = { at: last.at, id: last.sourceId };
        if (!mark || last.at > mark.afterAt) await repo.saveWatermark(tx, kind, last.at, last.sourceId);
        return sources.length;
      });
      if (batch < BATCH) break;
    }
  }
  return { invited, skipped };
}

async function inviteBatch(
  ctx: Ctx,
  link: SurveyLinkConfig,
  kind: TSurveyKind,
  s: TSurveySettings,
  sources: SurveySource[],
  now: Date,
) {
  if (!sources.length) return { invited: 0, skipped: 0 };
  const db = ctx.db;
  const { rows, customers } = await invitationRows(db, kind, s, sources, now);
  const created = await repo.insertInvitations(db, rows);
  return sendInvitations(db, link, kind, s, created, customers, now);
}

/**
 * The invitation rows of `sources` as of `now`: who to write to (the source's contact, the site's,
 * the customer's), in which language, and whether it asks — or is skipped by sampling, the quiet
 * period or for want of an address. Nothing is written.
 */
export async function invitationRows(
  db: Executor,
  kind: TSurveyKind,
  s: TSurveySettings,
  sources: SurveySource[],
  now: Date,
) {
  const customerIds = [...new Set(sources.map((x) => x.customerId))];
  const [asked, contacts, customers, sites, assets] = await Promise.all([
    repo.lastAsked(db, customerIds, new Date(now.getTime() - s.quietDays * DAY_MS)),
    contactFacts(
      db,
      sources.flatMap((x) => (x.contactId ? [x.contactId] : [])),
    ),
    customerFacts(db, customerIds),
    siteContacts(
      db,
      sources.flatMap((x) => (x.projectId && !x.contactId ? [x.projectId] : [])),
    ),
    maintenanceAssetFacts(
      db,
      sources.flatMap((x) => (x.assetId ? [x.assetId] : [])),
    ),
  ]);
  const locales = new Map<string, 'zh-CN' | 'en'>();
  for (const id of customerIds)
    locales.set(id, (await customerReaderLocale(db, id)) === 'en' ? 'en' : 'zh-CN');
  const expiresAt = new Date(now.getTime() + s.linkDays * DAY_MS);
  const rows: repo.NewInvitation[] = sources.map((x) => {
    const contact = x.contactId ? contacts.get(x.contactId) : undefined;
    const site = x.projectId ? sites.get(x.projectId) : undefined;
    const customer = customers.get(x.customerId);
    const email = contact?.email || site?.email || customer?.contactEmail || null;
    const phone = x.phone || contact?.phone || customer?.contactPhone || null;
    const last = asked.get(x.customerId);
    const skipReason = !isSampled(x.sourceId, s.samplingPercent)
      ? ('sampling' as const)
      : last && now.getTime() - last.getTime() < s.quietDays * DAY_MS
        ? ('quiet_period' as const)
        : !email && !phone
          ? ('no_address' as const)
          : null;
    // Asked now: later sources of the same customer in this batch fall in the quiet period.
    if (!skipReason && s.quietDays > 0) asked.set(x.customerId, now);
    return {
      kind,
      sourceId: x.sourceId,
      sourceNumber: x.number,
      sourceAt: x.at,
      customerId: x.customerId,
      contactId: x.contactId,
      projectId: x.projectId,
      team: x.team,
      engineerId: x.engineerId,
      productId: x.assetId ? (assets.get(x.assetId)?.productId ?? null) : null,
      email,
      phone,
      locale: locales.get(x.customerId) ?? 'zh-CN',
      status: skipReason ? ('skipped' as const) : ('open' as const),
      skipReason,
      createdAt: now,
      expiresAt,
    };
  });
  return { rows, customers };
}

/** The email and SMS of each invitation that asks, through the outbox. */
async function sendInvitations(
  db: Executor,
  link: SurveyLinkConfig,
  kind: TSurveyKind,
  s: TSurveySettings,
  created: repo.InvitationRow[],
  customers: Map<string, { name: string }>,
  now: Date,
) {
  let invited = 0;
  for (const inv of created) {
    if (inv.status !== 'open') continue;
    invited++;
    const url = surveyUrl(link, inv.id, inv.expiresAt);
    const [zh, en] = KIND_TEXT[kind];
    const name = customers.get(inv.customerId)?.name ?? '';
    const ref = inv.sourceNumber ? `（${inv.sourceNumber}）` : '';
    const refEn = inv.sourceNumber ? ` (${inv.sourceNumber})` : '';
    const days = s.linkDays;
    if (inv.email)
      await enqueueMessage(
        db,
        {
          channel: 'email',
          recipient: inv.email,
          template: 'surveys.invitation',
          payload: {
            invitationId: inv.id,
            subject:
              inv.locale === 'en' ? `How did we do? Your ${en}${refEn}` : `满意度调查：您的${zh}${ref}`,
            text: (inv.locale === 'en'
              ? [
                  `Dear ${name},`,
                  `Please rate our ${en}${refEn} — three questions, one minute, no login needed:`,
                  url,
                  `The link works once and expires in ${days} days.`,
                ]
              : [
                  `${name} 您好：`,
                  `请为我们的${zh}${ref}打分，共三个问题，约一分钟，无需登录：`,
                  url,
                  `该链接仅可使用一次，${days} 天后失效。`,
                ]
            ).join('\n'),
          },
          dedupeKey: `surveys.invitation:${inv.id}:email`,
        },
        now,
      );
    if (inv.phone)
      await enqueueMessage(
        db,
        {
          channel: 'sms',
          recipient: inv.phone,
          template: 'surveys.invitation',
          payload: {
            invitationId: inv.id,
            text:
              inv.locale === 'en'
                ? `Please rate our ${en}${refEn}: ${url}`
                : `请为我们的${zh}${ref}打分：${url}`,
          },
          dedupeKey: `surveys.invitation:${inv.id}:sms`,
        },
        now,
      );
  }
  return { invited, skipped: created.length - invited };
}
