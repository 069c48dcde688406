// Read models for the followups module: the delivered projects (回访 every 3 months after delivery,
// 篇1 二.2; the monthly and yearly visits, 篇4 g.1 and 篇2) with their delivery date, and the kinds of
// contract that are in force for a project on a day.
import { and, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { acceptanceRecords, assets, contracts, projects } from './schema.ts';

export type DeliveredProject = {
  projectId: string;
  customerId: string;
  contactId: string | null;
  /** The delivery: the first acceptance record of kind acceptance, else the first equipment accepted. */
  deliveredOn: string;
};

/**
 * Projects in service (accepted or in_service) with their delivery date, in pages by id after
 * `afterId`. The dates are read per project of the page from the project's own index entries
 * (acceptance_records_project_idx, assets_project_idx), so a page costs the same whatever the tables hold.
 */
export async function deliveredProjects(
  db: Executor,
  afterId: string | null,
  limit: number,
): Promise<DeliveredProject[]> {
  const rows = await db.execute<DeliveredProject>(sql`
    select * from (
      select p.id as "projectId", p.customer_id as "customerId", p.customer_contact_id as "contactId",
             coalesce(
               (select min(a.performed_on) from ${acceptanceRecords} a
                 where a.project_id = p.id and a.kind = 'acceptance'),
               (select min(s.acceptance_date) from ${assets} s where s.project_id = p.id)
             )::text as "deliveredOn"
        from ${projects} p
       where p.status in ('accepted', 'in_service')
         ${afterId ? sql`and p.id > ${afterId}` : sql``}
       order by p.id
    ) d
    where d."deliveredOn" is not null
    limit ${limit}`);
  return rows.rows;
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
