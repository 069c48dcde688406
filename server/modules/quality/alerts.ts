// The early-warning alerts as the quality engineers read them: newest first, with the case they led to.
import type {
  TAlertListQuery,
  TQualityAlert,
  TStartAlertInspectionsRequest,
} from '../../../common/quality-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { alertInspections, startAlertInspections as startInspections } from '../maintenance/index.ts';
import * as repo from './repository.ts';

async function toAlert(db: Executor, row: repo.AlertRow): Promise<TQualityAlert> {
  const qualityCase = row.caseId ? await repo.findCase(db, row.caseId) : undefined;
  return {
    id: row.id,
    number: row.number,
    groupKind: row.groupKind,
    groupName: row.groupName,
    faultCategory: row.faultCategory,
    level: row.level,
    reason: row.reason,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    count: row.count,
    expected: row.expected,
    pValue: row.pValue,
    units: row.units,
    evidence: row.evidence,
    status: row.status,
    caseId: row.caseId,
    caseNumber: qualityCase?.number ?? null,
    raisedAt: row.raisedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
}

export async function listAlerts(ctx: Ctx, query: TAlertListQuery) {
  const rows = await repo.listAlerts(ctx.db, query.status, decodeCursor(query.cursor), query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.raisedAt.toISOString(), id: r.id }));
  const items = [];
  for (const r of page.items) items.push(await toAlert(ctx.db, r));
  return { items, nextCursor: page.nextCursor };
}

export async function getAlert(ctx: Ctx, id: string) {
  const row = await repo.findAlert(ctx.db, id);
  if (!row) throw notFound('Alert');
  return toAlert(ctx.db, row);
}

/**
 * 特殊巡查 from an alert: maintenance inspects the equipment of the alert's evidence, one visit per site;
 * while the alert's earlier inspections are open, those come back instead (`created: false`).
 */
export async function startAlertInspections(ctx: Ctx, id: string, input: TStartAlertInspectionsRequest) {
  const row = await repo.findAlert(ctx.db, id);
  if (!row) throw notFound('Alert');
  const assetIds = row.evidence.assets.map((a) => a.id);
  if (!assetIds.length) throw invalidField('alertId', 'the alert names no equipment to inspect');
  return startInspections(ctx, { alertId: row.id, label: `${row.number} ${row.groupName}`, assetIds }, input);
}

export async function inspectionsOfAlert(ctx: Ctx, id: string) {
  const row = await repo.findAlert(ctx.db, id);
  if (!row) throw notFound('Alert');
  return alertInspections(ctx, row.id);
}
