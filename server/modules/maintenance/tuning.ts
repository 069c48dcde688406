// Plan tuning (issue 16 ★): for each template and product of the active plans, the pure rule
// (`tuning-rules.ts`) compares the failures between visits (repair history from field) with what recent
// visits found, and proposes a shorter or a longer interval; a manager accepts it (the template's
// interval changes, audited) or rejects it, and the decision stays with its evidence.
import { type IsoDate, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TTuningDecision, TTuningProposal } from '../../../common/maintenance-tuning-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound, staleVersion } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { userNames } from '../accounts/index.ts';
import { repairDatesOfAssets, workOrderStates } from '../field/index.ts';
import { maintenanceAssetFacts, productNamesOf } from '../registry/index.ts';
import * as repo from './repository.ts';
import { intervalOf } from './rules.ts';
import { maintenanceTemplates } from './schema.ts';
import { settingsOf } from './service.ts';
import * as tuning from './tuning-repository.ts';
import { proposeInterval, type VisitFinding } from './tuning-rules.ts';

/** How far back the repair history and the visits are read. */
const LOOKBACK_DAYS = 730;

/**
 * The input port for what visits found: each completed visit item on the local date its work order was
 * completed, with whether its checklist recorded a hidden danger (maintenance_answers.danger).
 */
export type FindingsOf = (
  db: Executor,
  templateId: string,
  assetIds: readonly string[],
  timeZone: string,
) => Promise<VisitFinding[]>;

export const FINDINGS_SOURCE = 'visit_checklists';

export const findingsFromVisitItems: FindingsOf = async (db, templateId, assetIds, timeZone) => {
  const items = await tuning.visitItemsOfPairs(db, templateId, assetIds);
  const states = await workOrderStates(
    db,
    items.map((i) => i.workOrderId),
  );
  const out: VisitFinding[] = [];
  for (const i of items) {
    const s = states.get(i.workOrderId);
    if (s?.status === 'completed' && s.completedAt)
      out.push({ assetId: i.assetId, on: toLocalDate(s.completedAt, timeZone), findings: i.found });
  }
  return out;
};

/** Runs the rule over every template × product of the active plans; opens a proposal where it says so. */
export async function analyseTuning(ctx: Ctx, findingsOf: FindingsOf = findingsFromVisitItems) {
  const settings = await settingsOf(ctx.db);
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const since = new Date(ctx.clock.now().getTime() - LOOKBACK_DAYS * 86_400_000);
  const sinceDay = toLocalDate(since, ctx.timeZone);
  const pairs = await tuning.activePairs(ctx.db);
  const facts = await maintenanceAssetFacts(ctx.db, [...new Set(pairs.map((p) => p.assetId))]);
  const templates = new Map(
    (await repo.findTemplates(ctx.db, [...new Set(pairs.map((p) => p.templateId))])).map((t) => [t.id, t]),
  );
  const groups = new Map<string, { templateId: string; productId: string; assetIds: string[] }>();
  for (const p of pairs) {
    const f = facts.get(p.assetId);
    if (!f) continue;
    const key = `${p.templateId}:${f.productId}`;
    const g = groups.get(key) ?? { templateId: p.templateId, productId: f.productId, assetIds: [] };
    g.assetIds.push(p.assetId);
    groups.set(key, g);
  }
  let proposed = 0;
  for (const g of groups.values()) {
    const template = templates.get(g.templateId);
    if (!template?.active) continue;
    const intervalMonths = intervalOf(template, settings, facts.get(g.assetIds[0]!)?.sizeClass ?? null);
    if (!intervalMonths) continue;
    const visits = (await findingsOf(ctx.db, g.templateId, g.assetIds, ctx.timeZone)).filter(
      (v) => v.on >= sinceDay,
    );
    const failures = await repairDatesOfAssets(ctx.db, g.assetIds, since, ctx.timeZone);
    const draft = proposeInterval({
      intervalMonths,
      assetIds: g.assetIds,
      visits,
      failures,
      today: today as IsoDate,
      cleanVisitsNeeded: settings.tuningCleanVisits,
      findingsSource: FINDINGS_SOURCE,
    });
    if (!draft) continue;
    await ctx.db.transaction(async (tx) => {
      const row = await tuning.insertProposal(tx, {
        templateId: g.templateId,
        productId: g.productId,
        currentMonths: intervalMonths,
        proposedMonths: draft.proposedMonths,
        direction: draft.direction,
        evidence: draft.evidence,
        createdAt: ctx.clock.now(),
      });
      if (!row) return;
      proposed++;
      await writeAudit(tx, ctx, {
        action: 'maintenance-tuning.propose',
        entityType: 'maintenance_tuning_proposal',
        entityId: row.id,
        after: row,
      });
    });
  }
  return { groups: groups.size, proposed };
}

async function toProposals(db: Executor, rows: tuning.ProposalRow[]): Promise<TTuningProposal[]> {
  const templates = new Map(
    (await repo.findTemplates(db, [...new Set(rows.map((r) => r.templateId))])).map((t) => [t.id, t.name]),
  );
  const names = await userNames(db, [...new Set(rows.flatMap((r) => (r.decidedBy ? [r.decidedBy] : [])))]);
  const products = await productNamesOf(
    db,
    rows.map((r) => r.productId),
  );
  return rows.map((r) => ({
    id: r.id,
    templateId: r.templateId,
    templateName: templates.get(r.templateId) ?? '',
    productId: r.productId,
    productName: products.get(r.productId) ?? '',
    currentMonths: r.currentMonths,
    proposedMonths: r.proposedMonths,
    direction: r.direction,
    evidence: r.evidence,
    status: r.status,
    decidedBy: r.decidedBy,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  }));
}

export async function listProposals(ctx: Ctx, status?: tuning.ProposalRow['status']) {
  return toProposals(ctx.db, await tuning.listProposals(ctx.db, status));
}

/** Accept (the template's interval becomes the proposed one) or reject; audited with the evidence. */
export async function decideProposal(ctx: Ctx, id: string, input: TTuningDecision) {
  return ctx.db.transaction(async (tx) => {
    const before = await tuning.findProposal(tx, id);
    if (!before) throw notFound('Tuning proposal');
    if (before.status !== 'open') throw conflict('This proposal has already been decided');
    const after = await tuning.decideProposal(tx, id, input.version, {
      status: input.decision === 'accept' ? 'accepted' : 'rejected',
      decidedBy: ctx.principal.userId,
      decidedAt: ctx.clock.now(),
      decisionNote: input.note,
    });
    if (!after) throw staleVersion('Tuning proposal');
    if (input.decision === 'accept') {
      const [template] = await repo.findTemplates(tx, [before.templateId]);
      if (!template) throw notFound('Maintenance template');
      const changed = await updateVersioned(
        tx,
        maintenanceTemplates,
        'Maintenance template',
        template.id,
        template.version,
        { intervalMonths: before.proposedMonths },
      );
      await writeAudit(tx, ctx, {
        action: 'maintenance-template.update',
        entityType: 'maintenance_template',
        entityId: template.id,
        before: { intervalMonths: template.intervalMonths },
        after: { intervalMonths: changed.intervalMonths, tuningProposalId: id },
      });
    }
    await writeAudit(tx, ctx, {
      action: `maintenance-tuning.${input.decision}`,
      entityType: 'maintenance_tuning_proposal',
      entityId: id,
      before,
      after,
    });
    return (await toProposals(tx, [after]))[0]!;
  });
}
