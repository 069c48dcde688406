// Read models for the followups module: the delivered projects (回访 every 3 months after delivery,
// 篇1 二.2; the monthly and yearly visits, 篇4 g.1 and 篇2) with their delivery date, and the kinds of
// contract that are in force for a project on a day.
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { acceptanceRecords, assets, contracts, projects } from './schema.ts';

export interface DeliveredProject {
  projectId: string;
  customerId: string;
  contactId: string | null;
  /** The delivery: the first acceptance record of kind acceptance, else the first equipment accepted. */
  deliveredOn: string;
}

/**
 * Projects in service (accepted or in_service) with their delivery date, in pages by id after
 * `afterId`. One statement per page: the acceptance and equipment dates are aggregated in SQL.
 */
export async function deliveredProjects(
  db: Executor,
  afterId: string | null,
  limit: number,
): Promise<DeliveredProject[]> {
  const accepted = db
    .select({
      projectId: acceptanceRecords.projectId,
      on: sql<string>`min(${acceptanceRecords.performedOn})`.as('accepted_on'),
    })
    .from(acceptanceRecords)
    .where(eq(acceptanceRecords.kind, 'acceptance'))
    .groupBy(acceptanceRecords.projectId)
    .as('accepted');
  const equipment = db
    .select({
      projectId: assets.projectId,
      on: sql<string>`min(${assets.acceptanceDate})`.as('equipment_on'),
    })
    .from(assets)
    .groupBy(assets.projectId)
    .as('equipment');
  const rows = await db
    .select({
      projectId: projects.id,
      customerId: projects.customerId,
      contactId: projects.customerContactId,
      deliveredOn: sql<string | null>`coalesce(${accepted.on}, ${equipment.on})::text`,
    })
    .from(projects)
    .leftJoin(accepted, eq(accepted.projectId, projects.id))
    .leftJoin(equipment, eq(equipment.projectId, projects.id))
    .where(
      and(
        inArray(projects.status, ['accepted', 'in_service']),
        afterId ? gt(projects.id, afterId) : undefined,
        sql`coalesce(${accepted.on}, ${equipment.on}) is not null`,
      ),
    )
    .orderBy(projects.id)
    .limit(limit);
  return rows as DeliveredProject[];
}

/** The kinds of contract in force on `on` for each of the projects (started, not ended). */
export async function projectContractKinds(
  db: Executor,
  projectIds: readonly string[],
  on: string,
): Promise<Map<string, string[]>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .selectDistinct({ projectId: contracts.projectId, kind: contracts.kind })
    .from(contracts)
    .where(
      and(
        inArray(contracts.projectId, [...projectIds]),
        lte(contracts.startDate, on),
        or(isNull(contracts.endDate), sql`${contracts.endDate} >= ${on}`),
      ),
    );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.kind]);
  return out;
}
