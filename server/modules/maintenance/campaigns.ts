// Inspection campaigns (节假日前、重大活动保障、暴雨后, 篇4 d): a manager selects equipment by region,
// product category, customer, contract tier (or projects and assets by id), and one inspection visit
// per site is generated before the deadline — a field work order of kind inspection covering the site's
// selected equipment. The board follows each campaign: planned / done / findings / overdue.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TCampaign,
  TCampaignCounts,
  TCampaignDetail,
  TCampaignPreview,
  TCampaignSelection,
  TCampaignVisit,
  TCreateCampaignRequest,
} from '../../../common/maintenance-visits-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { userNames } from '../accounts/index.ts';
import { createPlannedWorkOrder, type WorkOrderState, workOrderStates } from '../field/index.ts';
import { customerFacts, projectFacts, selectEquipment } from '../registry/index.ts';
import { scheduledAt } from './generate.ts';
import { addInspectionItems } from './inspection-items.ts';
import { dangerCounts } from './visit-repository.ts';
import * as repo from './visits-repository.ts';

/** One transaction creates every site's work order: beyond this a filter must be narrowed. */
export const MAX_CAMPAIGN_SITES = 2000;
const MAX_CAMPAIGN_ASSETS = 50_000;

interface Site {
  projectId: string;
  customerId: string;
  assetIds: string[];
}

async function sitesOf(ctx: Ctx, db: Executor, selection: TCampaignSelection): Promise<Site[]> {
  const { regions, categories, customerIds, contractTiers, projectIds, assetIds } = selection;
  if (
    ![regions, categories, customerIds, contractTiers, projectIds, assetIds].some((filter) => filter.length)
  )
    throw invalidField(
      'selection',
      'choose at least one filter: region, category, customer, tier, project or asset',
    );
  await assertReferences(
    ctx,
    null,
    [
      { field: 'selection.customerIds', kind: 'customer', ids: customerIds },
      { field: 'selection.projectIds', kind: 'project', ids: projectIds },
      { field: 'selection.assetIds', kind: 'asset', ids: assetIds },
    ],
    db,
  );
  const rows = await selectEquipment(db, selection, MAX_CAMPAIGN_ASSETS + 1);
  if (rows.length > MAX_CAMPAIGN_ASSETS)
    throw invalidField(
      'selection',
      `more than ${MAX_CAMPAIGN_ASSETS} pieces of equipment; narrow the filter`,
    );
  const byProject = new Map<string, Site>();
  for (const r of rows) {
    const site = byProject.get(r.projectId) ?? {
      projectId: r.projectId,
      customerId: r.customerId,
      assetIds: [],
    };
    site.assetIds.push(r.assetId);
    byProject.set(r.projectId, site);
  }
  return [...byProject.values()];
}

export async function previewCampaign(ctx: Ctx, selection: TCampaignSelection): Promise<TCampaignPreview> {
  const sites = await sitesOf(ctx, ctx.db, selection);
  const first = sites.slice(0, 50);
  const [projects, customers] = await Promise.all([
    projectFacts(
      ctx.db,
      first.map((s) => s.projectId),
    ),
    customerFacts(
      ctx.db,
      first.map((s) => s.customerId),
    ),
  ]);
  return {
    siteCount: sites.length,
    assetCount: sites.reduce((n, s) => n + s.assetIds.length, 0),
    sites: first.map((s) => ({
      projectId: s.projectId,
      projectName: projects.get(s.projectId)?.name ?? '',
      customerName: customers.get(s.customerId)?.name ?? '',
      assets: s.assetIds.length,
    })),
  };
}

function summaryOf(name: string, assets: number) {
  return `专项巡检 Campaign inspection · ${name} · ${assets} 台设备 / assets`.slice(0, 200);
}

/**
 * Creates the campaign and its visits in one transaction: nothing is written when the input is bad.
 * A retry with the same Idempotency-Key gets the first answer back (the platform's idempotency).
 */
export async function createCampaign(ctx: Ctx, input: TCreateCampaignRequest): Promise<TCampaignDetail> {
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  if (input.deadline < today) throw invalidField('deadline', 'the deadline is in the past');
  const id = await ctx.db.transaction(async (tx) => {
    const sites = await sitesOf(ctx, tx, input.selection);
    if (!sites.length) throw invalidField('selection', 'no equipment in service matches the filter');
    if (sites.length > MAX_CAMPAIGN_SITES)
      throw invalidField(
        'selection',
        `${sites.length} sites selected; at most ${MAX_CAMPAIGN_SITES} per campaign — narrow the filter`,
      );
    const campaign = await repo.insertCampaign(tx, {
      name: input.name,
      occasion: input.occasion,
      reason: input.reason,
      deadline: input.deadline,
      selection: input.selection,
      siteCount: sites.length,
      assetCount: sites.reduce((n, s) => n + s.assetIds.length, 0),
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    const at = scheduledAt(input.deadline, null, ctx.timeZone);
    const visits = [];
    const assetsOf = new Map<string, string[]>();
    for (const site of sites) {
      const wo = await createPlannedWorkOrder(tx, ctx, {
        kind: 'inspection',
        customerId: site.customerId,
        projectId: site.projectId,
        assetIds: site.assetIds,
        summary: summaryOf(input.name, site.assetIds.length),
        scheduledAt: at,
      });
      assetsOf.set(wo.id, site.assetIds);
      visits.push({
        customerId: site.customerId,
        projectId: site.projectId,
        dueOn: input.deadline,
        workOrderId: wo.id,
        kind: 'campaign' as const,
        campaignId: campaign.id,
        createdAt: ctx.clock.now(),
      });
    }
    const inserted = await repo.insertVisits(tx, visits);
    // Each site's checklist: every selected asset with its matching template (else the special one).
    await addInspectionItems(
      tx,
      inserted.map((v) => ({
        visitId: v.id,
        customerId: v.customerId,
        dueOn: v.dueOn,
        assetIds: assetsOf.get(v.workOrderId) ?? [],
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'maintenance-campaign.create',
      entityType: 'maintenance_campaign',
      entityId: campaign.id,
      after: campaign,
    });
    return campaign.id;
  });
  return getCampaign(ctx, id);
}

type VisitState = TCampaignVisit['state'];
function stateOf(s: WorkOrderState | undefined, deadline: string, today: string): VisitState {
  if (s?.status === 'completed') return 'done';
  if (s?.status === 'cancelled') return 'cancelled';
  return deadline < today ? 'overdue' : 'planned';
}

/** A finding: the engineer diagnosed a fault, or the checklist found a hidden danger. */
const foundOn = (v: repo.VisitRow, s: WorkOrderState | undefined, dangers: Map<string, number>) =>
  Boolean(s?.diagnosed) || (dangers.get(v.id) ?? 0) > 0;

function countsOf(
  visits: repo.VisitRow[],
  states: Map<string, WorkOrderState>,
  dangers: Map<string, number>,
  deadline: string,
  today: string,
): TCampaignCounts {
  const counts = { planned: 0, done: 0, findings: 0, overdue: 0, cancelled: 0 };
  for (const v of visits) {
    const s = states.get(v.workOrderId);
    const state = stateOf(s, deadline, today);
    if (state === 'cancelled') {
      counts.cancelled++;
      continue;
    }
    counts.planned++;
    if (state === 'done') counts.done++;
    if (state === 'overdue') counts.overdue++;
    if (foundOn(v, s, dangers)) counts.findings++;
  }
  return counts;
}

function toCampaign(row: repo.CampaignRow, counts: TCampaignCounts): TCampaign {
  return {
    id: row.id,
    name: row.name,
    occasion: row.occasion,
    reason: row.reason,
    deadline: row.deadline,
    selection: row.selection,
    siteCount: row.siteCount,
    assetCount: row.assetCount,
    counts,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The board: the latest campaigns with their counts. */
export async function listCampaigns(ctx: Ctx): Promise<TCampaign[]> {
  const rows = await repo.listCampaigns(ctx.db, 200);
  const visits = await repo.visitsOfCampaigns(
    ctx.db,
    rows.map((r) => r.id),
  );
  const [states, dangers] = await Promise.all([
    workOrderStates(
      ctx.db,
      visits.map((v) => v.workOrderId),
    ),
    dangerCounts(
      ctx.db,
      visits.map((v) => v.id),
    ),
  ]);
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  return rows.map((r) =>
    toCampaign(
      r,
      countsOf(
        visits.filter((v) => v.campaignId === r.id),
        states,
        dangers,
        r.deadline,
        today,
      ),
    ),
  );
}

/** A campaign with each site's visit (the board's drill-down), optionally only those in one state. */
export async function getCampaign(ctx: Ctx, id: string, filter: { state?: VisitState } = {}) {
  const row = await repo.findCampaign(ctx.db, id);
  if (!row) throw notFound('Maintenance campaign');
  const visits = await repo.visitsOfCampaigns(ctx.db, [id]);
  const [states, dangers] = await Promise.all([
    workOrderStates(
      ctx.db,
      visits.map((v) => v.workOrderId),
    ),
    dangerCounts(
      ctx.db,
      visits.map((v) => v.id),
    ),
  ]);
  const engineerIds = [...states.values()].flatMap((s) => (s.engineerId ? [s.engineerId] : []));
  const [projects, customers, engineers] = await Promise.all([
    projectFacts(
      ctx.db,
      visits.map((v) => v.projectId),
    ),
    customerFacts(
      ctx.db,
      visits.map((v) => v.customerId),
    ),
    userNames(ctx.db, [...new Set(engineerIds)]),
  ]);
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const detail: TCampaignDetail = {
    ...toCampaign(row, countsOf(visits, states, dangers, row.deadline, today)),
    visits: visits
      .map((v): TCampaignVisit => {
        const s = states.get(v.workOrderId);
        return {
          visitId: v.id,
          kind: v.kind,
          dueOn: v.dueOn,
          projectId: v.projectId,
          projectName: projects.get(v.projectId)?.name ?? '',
          customerName: customers.get(v.customerId)?.name ?? '',
          workOrderId: v.workOrderId,
          workOrderNumber: s?.number ?? '',
          workOrderStatus: s?.status ?? 'new',
          engineerName: s?.engineerId ? (engineers.get(s.engineerId) ?? null) : null,
          ticketId: v.ticketId,
          alertId: v.alertId,
          assetIds: s?.assetIds ?? [],
          state: stateOf(s, row.deadline, today),
          finding: foundOn(v, s, dangers),
        };
      })
      .filter((v) => !filter.state || v.state === filter.state)
      .sort(
        (a, b) => a.customerName.localeCompare(b.customerName) || a.projectName.localeCompare(b.projectName),
      ),
  };
  return detail;
}
