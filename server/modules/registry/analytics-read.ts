// Read model for analytics (issue 19): equipment → product as a SQL fragment (columns asset_id,
// product_id), so figures per product can be grouped in the SLA read model without naming this table.
import { type SQL, sql } from 'drizzle-orm';

export function assetProductSql(): SQL {
  return sql`select a.id as asset_id, a.product_id from assets a`;
}
