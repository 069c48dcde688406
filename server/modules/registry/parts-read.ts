// Read model for the storekeeper's dashboard (issue 19): equipment → its project and product, with their
// names, as a SQL fragment (columns asset_id, project_id, project_name, product_id, product_name), so the
// parts module can break consumption down by project and product without naming these tables.
import { type SQL, sql } from 'drizzle-orm';

export function assetPlacementSql(): SQL {
  return sql`select a.id as asset_id, a.project_id, pj.name as project_name, a.product_id,
    concat_ws(' ', pd.name, pd.model) as product_name
    from assets a join projects pj on pj.id = a.project_id join products pd on pd.id = a.product_id`;
}
