// Which equipment a filter selects (maintenance campaigns: region, product category, customer,
// contract tier, or projects and assets by id). The registry writes the query on its own tables.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface EquipmentSelection {
  regions: readonly string[];
  categories: readonly string[];
  customerIds: readonly string[];
  contractTiers: readonly string[];
  projectIds: readonly string[];
  assetIds: readonly string[];
}

export interface SelectedEquipment {
  assetId: string;
  customerId: string;
  projectId: string;
}

/**
 * The equipment in service (not replaced or retired) of open projects that every given filter
 * matches: the project's region (else its customer's), the product's category, the customer, a
 * contract of the project with that response tier, the project or the asset itself. Case-insensitive
 * on words. At most `limit` rows, ordered by project.
 */
export async function selectEquipment(
  db: Executor,
  s: EquipmentSelection,
  limit: number,
): Promise<SelectedEquipment[]> {
  const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());
  const where: SQL[] = [sql`a.status not in ('replaced', 'retired')`, sql`p.status <> 'closed'`];
  if (s.regions.length)
    where.push(sql`lower(coalesce(p.region, c.region)) = any(${sql.param(lower(s.regions))}::text[])`);
  if (s.categories.length)
    where.push(sql`lower(pr.category) = any(${sql.param(lower(s.categories))}::text[])`);
  if (s.customerIds.length) where.push(sql`a.customer_id = any(${sql.param([...s.customerIds])}::uuid[])`);
  if (s.projectIds.length) where.push(sql`a.project_id = any(${sql.param([...s.projectIds])}::uuid[])`);
  if (s.assetIds.length) where.push(sql`a.id = any(${sql.param([...s.assetIds])}::uuid[])`);
  if (s.contractTiers.length)
    where.push(sql`exists (select 1 from contracts k where k.project_id = a.project_id
      and lower(k.response_tier) = any(${sql.param(lower(s.contractTiers))}::text[]))`);
  const r = await db.execute<{ asset_id: string; customer_id: string; project_id: string }>(sql`
    select a.id as asset_id, a.customer_id, a.project_id
    from assets a
    join projects p on p.id = a.project_id
    join customers c on c.id = a.customer_id
    join products pr on pr.id = a.product_id
    where ${sql.join(where, sql` and `)}
    order by a.project_id, a.serial
    limit ${limit}`);
  return r.rows.map((x) => ({ assetId: x.asset_id, customerId: x.customer_id, projectId: x.project_id }));
}

export interface SiteContact {
  customerId: string;
  projectName: string;
  name: string | null;
  email: string | null;
}

/** Whom to tell about a visit at each project: the project's customer contact, else the customer's. */
export async function siteContacts(
  db: Executor,
  projectIds: readonly string[],
): Promise<Map<string, SiteContact>> {
  if (!projectIds.length) return new Map();
  const r = await db.execute<{
    id: string;
    customer_id: string;
    project_name: string;
    name: string | null;
    email: string | null;
  }>(sql`
    select p.id, p.customer_id, p.name as project_name,
      coalesce(k.name, c.contact_name) as name,
      coalesce(nullif(k.email, ''), c.contact_email) as email
    from projects p
    join customers c on c.id = p.customer_id
    left join contacts k on k.id = p.customer_contact_id
    where p.id = any(${sql.param([...new Set(projectIds)])}::uuid[])`);
  return new Map(
    r.rows.map((x) => [
      x.id,
      { customerId: x.customer_id, projectName: x.project_name, name: x.name, email: x.email },
    ]),
  );
}
