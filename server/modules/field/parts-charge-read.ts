// Read model for the storekeeper's dashboard (issue 19): who paid for the parts a work order used, from
// its fixed charge sheet, as a SQL fragment that the parts module joins to its ledger (wired in
// server/app.ts: field depends on parts, so parts cannot import this). Columns: work_order_ref,
// first_asset_id, project_id, settled (a sheet is fixed), parts_free (the sheet's own equipment's parts
// are not charged: covered, or pending acceptance), free_parts / charged_parts (part numbers fitted to
// other equipment of the visit, by the reasons part_fitted_free / part_fitted_charged of charges.ts).
import { type SQL, sql } from 'drizzle-orm';

export function workOrderPartChargesSql(): SQL {
  return sql`select w.number as work_order_ref, w.asset_ids[1] as first_asset_id, w.project_id,
    w.charges is not null as settled,
    coalesce((w.charges->'covered'->>'parts')::boolean, false)
      or coalesce((w.charges->>'pendingDecision')::boolean, false) as parts_free,
    array(select r->'params'->>'part' from jsonb_array_elements(coalesce(w.charges->'reasons', '[]'::jsonb)) r
      where r->>'code' = 'part_fitted_free') as free_parts,
    array(select r->'params'->>'part' from jsonb_array_elements(coalesce(w.charges->'reasons', '[]'::jsonb)) r
      where r->>'code' = 'part_fitted_charged') as charged_parts
    from work_orders w`;
}
