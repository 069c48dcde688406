// 特殊巡查 from a quality early-warning alert: the equipment the alert's evidence names is inspected,
// one inspection visit per site (project), each a field work order of kind inspection with a checklist
// per asset, due within the settings' days. The quality module calls this through index.ts with the
// alert's id, number and equipment; maintenance keeps the alert's id on each visit.
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TVisitWorkOrder } from '../../../common/maintenance-visits-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { workOrderStates } from '../field/index.ts';
import { maintenanceAssetFacts } from '../registry/index.ts';
import { settingsOf } from './service.ts';
import { checkInspectionDay, insertSpecialVisit, visitWorkOrders } from './special-inspections.ts';
import * as repo from './visits-repository.ts';

export interface AlertInspectionSource {
  alertId: string;
  /** The alert as people read it (its number, group and fault class), for the work order's summary. */
  label: string;
  assetIds: readonly string[];
}

export interface AlertInspectionInput {
  /** The last day of the inspection; today + the settings' specialInspectionDays when not given. */
  dueOn?: string | undefined;
  note?: string | undefined;
}

const isOpen = (status: string | undefined) => status !== 'completed' && status !== 'cancelled';

/**
 * Starts the inspections of an alert, or — while some of the alert's inspections are still open —
 * returns those (`created: false`): asking twice never sends two engineers to the same site.
 */
export async function startAlertInspections(
  ctx: Ctx,
  source: AlertInspectionSource,
  input: AlertInspectionInput,
): Promise<{ created: boolean; inspections: TVisitWorkOrder[] }> {
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  if (input.dueOn !== undefined) checkInspectionDay(input.dueOn, today);
  return ctx.db.transaction(async (tx) => {
    await repo.lockAlert(tx, source.alertId);
    const earlier = await repo.visitsOfAlert(tx, source.alertId);
    const states = await workOrderStates(
      tx,
      earlier.map((v) => v.workOrderId),
    );
    const open = earlier.filter((v) => isOpen(states.get(v.workOrderId)?.status));
    if (open.length) return { created: false, inspections: await visitWorkOrders(tx, open) };

    const facts = await maintenanceAssetFacts(tx, source.assetIds);
    const sites = new Map<string, { customerId: string; assetIds: string[] }>();
    for (const id of source.assetIds) {
      const f = facts.get(id);
      if (!f?.projectId) continue;
      const site = sites.get(f.projectId) ?? { customerId: f.customerId, assetIds: [] };
      if (!site.assetIds.includes(id)) site.assetIds.push(id);
      sites.set(f.projectId, site);
    }
    if (!sites.size) throw invalidField('alertId', 'the alert names no equipment installed at a site');
    const dueOn = input.dueOn ?? addDays(today, (await settingsOf(tx)).specialInspectionDays);
    const summary = `特殊巡查 Special inspection · ${source.label} · ${input.note ?? ''}`
      .replace(/ · $/, '')
      .slice(0, 200);
    const visits = [];
    for (const [projectId, site] of [...sites].sort(([a], [b]) => a.localeCompare(b))) {
      const { visit } = await insertSpecialVisit(tx, ctx, {
        customerId: site.customerId,
        projectId,
        assetIds: site.assetIds,
        dueOn,
        summary,
        alertId: source.alertId,
        note: input.note,
      });
      visits.push(visit);
    }
    return { created: true, inspections: await visitWorkOrders(tx, visits) };
  });
}

/** The inspections started from an alert, newest first (the alert page lists them with their state). */
export async function alertInspections(ctx: Ctx, alertId: string): Promise<TVisitWorkOrder[]> {
  return visitWorkOrders(ctx.db, await repo.visitsOfAlert(ctx.db, alertId));
}
