// Stock facts the field module needs: the parts a work order used and brought back, the engineers'
// vans, and which vans hold good stock fitting some products.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { uuidArray } from '../../db/pool.ts';
import { parts, stockLevels, stockLocations, stockMovements } from './schema.ts';

export interface WorkOrderPartLine {
  kind: 'issue' | 'return_defective';
  partId: string;
  partNumber: string;
  name: string;
  quantity: number;
  serial: string | null;
  /** The equipment the part was fitted to, when the issue said. */
  assetId: string | null;
  factoryPriceFen: number | null;
  /** The part's cost price, for a repair charged at cost (篇4 g.7–8). */
  costFen: number | null;
}

/** Parts issued to a work order and defective parts brought back from it, in ledger order. */
export async function workOrderPartLines(db: Executor, workOrderRef: string): Promise<WorkOrderPartLine[]> {
  const rows = await db
    .select({
      kind: stockMovements.kind,
      partId: parts.id,
      partNumber: parts.partNumber,
      name: parts.name,
      quantity: stockMovements.quantity,
      serial: stockMovements.serial,
      assetId: stockMovements.assetId,
      factoryPriceFen: parts.factoryPriceFen,
      costFen: parts.costFen,
    })
    .from(stockMovements)
    .innerJoin(parts, eq(parts.id, stockMovements.partId))
    .where(
      and(
        eq(stockMovements.workOrderRef, workOrderRef),
        inArray(stockMovements.kind, ['issue', 'return_defective']),
      ),
    )
    .orderBy(asc(stockMovements.id));
  return rows.map((r) => ({ ...r, kind: r.kind === 'issue' ? 'issue' : 'return_defective' }));
}

/** Each keeper's active van (one per keeper). */
export async function vansOfKeepers(
  db: Executor,
  keeperIds: readonly string[],
): Promise<Map<string, string>> {
  if (!keeperIds.length) return new Map();
  const rows = await db
    .select({ id: stockLocations.id, keeperId: stockLocations.keeperId })
    .from(stockLocations)
    .where(
      and(
        inArray(stockLocations.keeperId, [...keeperIds]),
        eq(stockLocations.kind, 'van'),
        eq(stockLocations.active, true),
      ),
    )
    .orderBy(asc(stockLocations.createdAt));
  const vans = new Map<string, string>();
  for (const r of rows) if (r.keeperId && !vans.has(r.keeperId)) vans.set(r.keeperId, r.id);
  return vans;
}

/** The locations among `locationIds` with available good stock of a part fitting any of `productIds`. */
export async function locationsWithFittingParts(
  db: Executor,
  locationIds: readonly string[],
  productIds: readonly string[],
): Promise<Set<string>> {
  if (!locationIds.length || !productIds.length) return new Set();
  const rows = await db
    .selectDistinct({ locationId: stockLevels.locationId })
    .from(stockLevels)
    .innerJoin(parts, eq(parts.id, stockLevels.partId))
    .where(
      and(
        inArray(stockLevels.locationId, [...locationIds]),
        eq(stockLevels.condition, 'good'),
        sql`${stockLevels.onHand} > ${stockLevels.reserved}`,
        sql`${parts.fitsProductIds} && ${uuidArray([...productIds])}`,
      ),
    );
  return new Set(rows.map((r) => r.locationId));
}
