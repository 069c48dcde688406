// Read models for the quality module's early warning (issue 19): fault reports counted by customer,
// project, product (of each piece of equipment named), fault class and local month in one GROUP BY,
// and the fault reports behind one group (the alert's evidence). The product comes from registry's
// SQL fragment, so this query never names registry's table.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { assetIdsOfProductSql, productOfAssetSql } from '../registry/index.ts';

export interface FaultCount {
  customerId: string;
  projectId: string | null;
  /** Null for a report that names no equipment. */
  productId: string | null;
  faultCategory: string;
  /** `YYYY-MM` in the organisation's zone. */
  month: string;
  count: number;
}

/**
 * Fault reports (报修) since the local date `fromDate`: one failure per piece of equipment a report
 * names (a report naming none is one failure of its customer and project), counted per group and month.
 */
export async function faultCountsByMonth(
  db: Executor,
  fromDate: string,
  timeZone: string,
): Promise<FaultCount[]> {
  const r = await db.execute<{
    customer_id: string;
    project_id: string | null;
    product_id: string | null;
    fault_category: string;
    month: string;
    n: number;
  }>(sql`select t.customer_id, t.project_id, ${productOfAssetSql(sql`a.id`)} as product_id,
      coalesce(t.fault_category, '') as fault_category,
      to_char(t.created_at at time zone ${timeZone}, 'YYYY-MM') as month, count(*)::int as n
    from tickets t left join lateral unnest(t.asset_ids) as a(id) on true
    where t.kind = 'fault_report'
      and t.created_at >= (${fromDate}::date::timestamp at time zone ${timeZone})
    group by 1, 2, 3, 4, 5`);
  return r.rows.map((x) => ({
    customerId: x.customer_id,
    projectId: x.project_id,
    productId: x.product_id,
    faultCategory: x.fault_category,
    month: x.month,
    count: Number(x.n),
  }));
}

export interface FaultEvidence {
  id: string;
  number: string;
  createdAt: Date;
  assetIds: string[];
}

/** The fault reports of one group and fault class since the local date `fromDate`, newest first. */
export async function faultReportsOf(
  db: Executor,
  group: { customerId?: string; projectId?: string; productId?: string },
  faultCategory: string,
  fromDate: string,
  timeZone: string,
  limit: number,
): Promise<FaultEvidence[]> {
  const where: SQL[] = [
    sql`t.kind = 'fault_report'`,
    sql`coalesce(t.fault_category, '') = ${faultCategory}`,
    sql`t.created_at >= (${fromDate}::date::timestamp at time zone ${timeZone})`,
  ];
  if (group.customerId) where.push(sql`t.customer_id = ${group.customerId}`);
  if (group.projectId) where.push(sql`t.project_id = ${group.projectId}`);
  if (group.productId) where.push(sql`t.asset_ids && array${assetIdsOfProductSql(group.productId)}`);
  const r = await db.execute<{ id: string; number: string; created_at: Date; asset_ids: string[] }>(
    sql`select t.id, t.number, t.created_at, t.asset_ids from tickets t
      where ${sql.join(where, sql` and `)} order by t.created_at desc, t.id limit ${limit}`,
  );
  return r.rows.map((x) => ({
    id: x.id,
    number: x.number,
    createdAt: new Date(x.created_at),
    assetIds: x.asset_ids,
  }));
}
