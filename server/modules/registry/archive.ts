// 服务档案 (service archive): the append-only event timeline of each asset and project (篇4 g.6
// "可随时查询本项目的设备安装、运行、维修等历史记录"). Every module records its events through
// recordArchiveEvent, in the same transaction as the change.

import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { TArchiveEvent } from '../../../common/registry-api.ts';
import type { Executor } from '../../db/pool.ts';
import { hotInsert } from '../../db/prepared.ts';
import type { Ctx } from '../../platform/context.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { archiveEvents, assets } from './schema.ts';

export interface ArchiveEventInput {
  customerId: string;
  projectId?: string | null;
  assetId?: string | null;
  /** `<module>.<event>`, e.g. `registry.asset-installed`, `tickets.fault-reported`. */
  kind: string;
  summary: string;
  details?: Record<string, unknown>;
  refType?: string | null;
  refId?: string | null;
  occurredAt?: Date;
}

export async function recordArchiveEvent(tx: Executor, ctx: Ctx, event: ArchiveEventInput): Promise<void> {
  await recordArchiveEvents(tx, ctx, [event]);
}

/** Many events in few statements (an acceptance touches every asset of a project). */
// Most changes of a ticket, work order or visit write one: built once (server/db/prepared.ts).
const insertArchiveRows = hotInsert('archive_events_insert', archiveEvents);

export async function recordArchiveEvents(
  tx: Executor,
  ctx: Ctx,
  events: ArchiveEventInput[],
): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await insertArchiveRows(
      tx,
      events.slice(i, i + 1000).map((event) => toRow(ctx, event)),
    );
  }
}

function toRow(ctx: Ctx, event: ArchiveEventInput): typeof archiveEvents.$inferInsert {
  return {
    customerId: event.customerId,
    projectId: event.projectId ?? null,
    assetId: event.assetId ?? null,
    kind: event.kind,
    occurredAt: event.occurredAt ?? ctx.clock.now(),
    summary: event.summary,
    details: event.details ?? {},
    refType: event.refType ?? null,
    refId: event.refId ?? null,
    actorId: ctx.principal.userId,
    actorLabel: ctx.principal.displayName,
  };
}

export interface ArchiveFilter {
  assetId?: string;
  projectId?: string;
  kind?: string;
  from?: Date;
  to?: Date;
}

/** Newest first by when it happened (events may be recorded late), scoped to the caller's organisation. */
export async function listArchiveEvents(
  ctx: Ctx,
  filter: ArchiveFilter,
  after: CursorKey | null,
  limit: number,
): Promise<{ items: TArchiveEvent[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [
    scopeFilter(archiveEvents.customerId, ctx.scope),
    filter.assetId ? eq(archiveEvents.assetId, filter.assetId) : undefined,
    filter.projectId ? eq(archiveEvents.projectId, filter.projectId) : undefined,
    filter.kind ? eq(archiveEvents.kind, filter.kind) : undefined,
    filter.from ? gte(archiveEvents.occurredAt, filter.from) : undefined,
    filter.to ? lt(archiveEvents.occurredAt, filter.to) : undefined,
    after
      ? sql`(${archiveEvents.occurredAt}, ${archiveEvents.id}) < (${new Date(String(after.v))}, ${after.id}::bigint)`
      : undefined,
  ];
  const rows = await ctx.db
    .select({
      event: archiveEvents,
      assetLabel: sql<string | null>`${assets.serial} || coalesce(' ' || ${assets.name}, '')`,
    })
    .from(archiveEvents)
    .leftJoin(assets, eq(assets.id, archiveEvents.assetId))
    .where(and(...where))
    .orderBy(desc(archiveEvents.occurredAt), desc(archiveEvents.id))
    .limit(limit + 1);
  const page = pageFrom(rows, limit, ({ event: r }) => ({
    v: r.occurredAt.toISOString(),
    id: r.id.toString(),
  }));
  const items = page.items.map(({ event: r, assetLabel }) => ({
    id: r.id.toString(),
    customerId: r.customerId,
    projectId: r.projectId,
    assetId: r.assetId,
    kind: r.kind,
    occurredAt: r.occurredAt.toISOString(),
    summary: r.summary,
    details: r.details,
    refType: r.refType,
    refId: r.refId,
    actorLabel: r.actorLabel,
    assetLabel,
  }));
  return { items, nextCursor: page.nextCursor };
}
