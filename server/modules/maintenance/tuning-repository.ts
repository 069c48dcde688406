// SQL of plan tuning: what active plans schedule (asset × template), the visit items of those pairs
// with whether their checklist found a hidden danger, and the proposals with their decisions.
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { maintenanceTuningProposals } from './schema.ts';

export type ProposalRow = typeof maintenanceTuningProposals.$inferSelect;

/** Every asset × template of an active plan (distinct). */
export async function activePairs(db: Executor) {
  const rows = await db.execute<{ asset_id: string; template_id: string }>(
    sql`select distinct i.asset_id, i.template_id from maintenance_plan_items i
          join maintenance_plans p on p.id = i.plan_id where p.active`,
  );
  return rows.rows.map((r) => ({ assetId: r.asset_id, templateId: r.template_id }));
}

/**
 * The visit items of a template on these assets with their visit's work order (history included), and
 * whether the checklist answered on the phone found a hidden danger (a failed check or a measurement out
 * of its range) on that item. Plans' items only: a special or campaign inspection is not a plan's visit.
 */
export async function visitItemsOfPairs(db: Executor, templateId: string, assetIds: readonly string[]) {
  if (!assetIds.length) return [];
  const rows = await db.execute<{ asset_id: string; work_order_id: string; found: boolean }>(
    sql`select i.asset_id, v.work_order_id,
               exists (select 1 from maintenance_answers a where a.visit_item_id = i.id and a.danger) as found
          from maintenance_visit_items i
          join maintenance_visits v on v.id = i.visit_id
         where i.asset_id = any(${uuidArray(assetIds)}) and i.template_id = ${templateId}
           and i.plan_id is not null`,
  );
  return rows.rows.map((r) => ({ assetId: r.asset_id, workOrderId: r.work_order_id, found: r.found }));
}

/** A new open proposal, unless one is already open for the template and product. */
export async function insertProposal(db: Executor, values: typeof maintenanceTuningProposals.$inferInsert) {
  const [row] = await db.insert(maintenanceTuningProposals).values(values).onConflictDoNothing().returning();
  return row;
}

export async function listProposals(db: Executor, status?: ProposalRow['status']) {
  return db
    .select()
    .from(maintenanceTuningProposals)
    .where(status ? eq(maintenanceTuningProposals.status, status) : undefined)
    .orderBy(desc(maintenanceTuningProposals.createdAt))
    .limit(500);
}

export async function findProposal(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(maintenanceTuningProposals)
    .where(eq(maintenanceTuningProposals.id, id));
  return row;
}

/** Decides an open proposal at its version; undefined when it moved on (stale or already decided). */
export async function decideProposal(
  db: Executor,
  id: string,
  version: number,
  values: Pick<ProposalRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
) {
  const [row] = await db
    .update(maintenanceTuningProposals)
    .set({ ...values, version: sql`${maintenanceTuningProposals.version} + 1` })
    .where(
      and(
        eq(maintenanceTuningProposals.id, id),
        eq(maintenanceTuningProposals.version, version),
        eq(maintenanceTuningProposals.status, 'open'),
      ),
    )
    .returning();
  return row;
}
