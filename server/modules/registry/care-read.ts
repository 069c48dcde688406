// Read models for the followups module: the delivered projects (回访 every 3 months after delivery,
// 篇1 二.2; the monthly and yearly visits, 篇4 g.1 and 篇2) with their delivery date, and the kinds of
// contract that are in force for a project on a day.
import { and, isNull, lte, or, sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';
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

export type DeliveryChange = {
  projectId: string;
  customerId: string;
  contactId: string | null;
  /** Null when the project is not (or no longer) delivered and in service. */
  deliveredOn: string | null;
  /** The latest change of the project's delivery facts (database time, as PostgreSQL writes it: the paging key). */
  changedAt: string;
};

const deliveredOnOf = sql`coalesce(
  (select min(a.performed_on) from ${acceptanceRecords} a where a.project_id = p.id and a.kind = 'acceptance'),
  (select min(s.acceptance_date) from ${assets} s where s.project_id = p.id))::text`;

/**
 * The projects whose delivery facts changed after `since` (the project itself, an acceptance record,
 * an asset), oldest change first, each with its delivery now; pages continue after the last row's
 * (changedAt, projectId). Read from the three tables' time indexes (projects_updated_idx,
 * acceptance_records_created_idx, assets_updated_idx): the work follows what changed, not what the
 * registry holds.
 */
export async function deliveryChangesSince(
  db: Executor,
  since: Date,
  after: { changedAt: string; projectId: string } | null,
  limit: number,
): Promise<DeliveryChange[]> {
  const rows = await db.execute<DeliveryChange>(sql`
    with c as (
      select x.project_id, max(x.at) as at from (
        select id as project_id, updated_at as at from ${projects} where updated_at > ${since}
        union all
        select project_id, created_at from ${acceptanceRecords} where created_at > ${since}
        union all
        select project_id, updated_at from ${assets} where updated_at > ${since}
      ) x group by x.project_id
      ${after ? sql`having (max(x.at), x.project_id) > (${after.changedAt}::timestamptz, ${after.projectId}::uuid)` : sql``}
      order by at, x.project_id limit ${limit}
    )
    select p.id as "projectId", p.customer_id as "customerId", p.customer_contact_id as "contactId",
           case when p.status in ('accepted', 'in_service') then ${deliveredOnOf} end as "deliveredOn",
           c.at::text as "changedAt"
      from c join ${projects} p on p.id = c.project_id
     order by c.at, p.id`);
  return rows.rows;
}

/** The database's own time: the clock of deliveryChangesSince's stamps. */
export async function registryNow(db: Executor): Promise<Date> {
  const r = await db.execute<{ now: string | Date }>(sql`select now() as now`);
  return new Date(r.rows[0]!.now);
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
        // One array parameter: a page of 2,000 ids bound one by one costs more than the read.
        sql`${contracts.projectId} = any(${uuidArray(projectIds)})`,
        lte(contracts.startDate, on),
        or(isNull(contracts.endDate), sql`${contracts.endDate} >= ${on}`),
      ),
    );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.kind]);
  return out;
}
