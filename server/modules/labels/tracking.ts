// The reporter's tracking page (like a parcel's): the ticket's progress and promised times, nothing
// else — no customer data, the engineer by public name only. The link expires when the ticket closes.

import type { TTracking, TTrackingStep } from '../../../common/labels-api.ts';
import { publicEngineerName } from '../../../common/labels-rules.ts';
import { INTERNAL_SLA_METRICS } from '../../../common/portal-rules.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { userNames } from '../accounts/index.ts';
import { ticketVisitProgress } from '../field/index.ts';
import { getAsset } from '../registry/index.ts';
import { getTicket } from '../tickets/index.ts';
import { type QrLinkConfig, verifyToken } from './link-token.ts';
import * as repo from './repository.ts';
import { labelSettingsOf } from './settings.ts';

export async function trackReport(ctx: Ctx, link: QrLinkConfig, token: string): Promise<TTracking> {
  const check = verifyToken(link.secret, 'track', token, 1, false);
  if (!check.ok) {
    if (check.reason === 'bad_signature') throw forbidden('This tracking link is not valid');
    throw notFound('Report');
  }
  const report = await repo.findReport(ctx.db, check.ids[0]!);
  if (!report) throw notFound('Report');
  const all: Ctx = { ...ctx, scope: { kind: 'all' } };
  const ticket = await getTicket(all, report.ticketId);
  if (ticket.status === 'closed')
    throw new AppError(410, 'Gone', 'This job is closed; the tracking link has expired');
  const visit = await ticketVisitProgress(ctx.db, ticket.id);
  const names = await userNames(ctx.db, visit?.engineerId ? [visit.engineerId] : []);
  const asset = await getAsset(all, report.assetId).catch(() => null);
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const resolvedAt = ticket.resolvedAt ?? iso(visit?.completedAt);
  const step = (s: TTrackingStep, at: string | null, done: boolean) => ({ step: s, at, done });
  const steps = [
    step('accepted', ticket.createdAt, true),
    step('assigned', iso(visit?.assignedAt), Boolean(visit?.engineerId)),
    step('on_the_way', iso(visit?.departedAt), Boolean(visit?.departedAt)),
    step('arrived', iso(visit?.arrivedAt), Boolean(visit?.arrivedAt)),
    step('done', resolvedAt, resolvedAt !== null),
    step('report', iso(visit?.completedAt), Boolean(visit?.reportAvailable)),
  ];
  return {
    ticketNumber: ticket.number,
    equipment: asset ? (asset.name ?? asset.productName) : null,
    steps,
    engineer: visit?.engineerId ? publicEngineerName(names.get(visit.engineerId) ?? null) : null,
    promised: ticket.sla
      .filter((t) => !INTERNAL_SLA_METRICS.includes(t.metric) && t.state !== 'cancelled')
      .map((t) => ({ metric: t.metric, dueAt: t.dueAt, metAt: t.metAt })),
    hotline: (await labelSettingsOf(ctx.db)).hotline,
    timeZone: ctx.timeZone,
  };
}
