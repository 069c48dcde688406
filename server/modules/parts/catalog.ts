// The parts catalogue and the stock locations; reading stock (by part, by location) and the ledger.
import type {
  TAvailability,
  TCreateLocationRequest,
  TCreatePartRequest,
  TLedgerPage,
  TPartDetail,
  TPartListItem,
  TStockLocationListItem,
  TUpdateLocationRequest,
  TUpdatePartRequest,
} from '../../../common/parts-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, notFound, postgresErrorOf } from '../../platform/errors.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { findActiveStaff } from '../accounts/index.ts';
import { visibleLocationIds } from './access.ts';
import * as repo from './catalog-repository.ts';
import { parts, stockLocations } from './schema.ts';

const iso = <T extends { createdAt: Date; updatedAt: Date }>(r: T) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

function duplicate(err: unknown, field: string, what: string): never {
  if (postgresErrorOf(err).code === '23505')
    throw conflict(`${what} already exists`, [{ field, message: 'already used' }]);
  throw err;
}

const NO_STOCK = { onHand: 0, available: 0, defective: 0 };

// ---------- parts ----------

export async function listParts(
  ctx: Ctx,
  query: { q?: string; limit: number },
  after: CursorKey | null,
): Promise<{ items: TPartListItem[]; nextCursor: string | null }> {
  const rows = await repo.listParts(ctx.db, query.q, after, query.limit + 1);
  const page = pageFrom(rows, query.limit, (p) => ({ v: p.partNumber, id: p.id }));
  const visible = await visibleLocationIds(ctx);
  const totals =
    page.items.length && (visible === 'all' || visible.length)
      ? await repo.stockTotals(
          ctx.db,
          page.items.map((p) => p.id),
          visible,
        )
      : [];
  const byPart = new Map(totals.map(({ partId, ...t }) => [partId, t]));
  return {
    items: page.items.map((p) => ({ ...iso(p), stock: byPart.get(p.id) ?? NO_STOCK })),
    nextCursor: page.nextCursor,
  };
}

export async function getPart(ctx: Ctx, id: string): Promise<TPartDetail> {
  const part = await repo.findPart(ctx.db, id);
  if (!part) throw notFound('Part');
  const visible = await visibleLocationIds(ctx);
  const stockLines =
    visible !== 'all' && !visible.length ? [] : await repo.stockLinesOfPart(ctx.db, id, visible);
  const reorderRules = await repo.reorderRulesOfPart(ctx.db, id);
  return { ...iso(part), stockLines, reorderRules };
}

/**
 * Where a part is available, every location (quantities only): the engineer's own van first, then
 * by how much is there. For finding a part in an emergency.
 */
export async function availability(ctx: Ctx, partId: string): Promise<TAvailability[]> {
  const rows = await repo.availabilityOfPart(ctx.db, partId);
  const mine = (r: (typeof rows)[number]) => r.keeperId === ctx.principal.userId;
  return rows
    .sort((a, b) => Number(mine(b)) - Number(mine(a)) || b.available - a.available)
    .map(({ keeperId, ...r }) => ({ ...r, mine: keeperId === ctx.principal.userId }));
}

export async function createPart(ctx: Ctx, input: TCreatePartRequest) {
  return ctx.db
    .transaction(async (tx) => {
      const row = await repo.insertPart(tx, input);
      await writeAudit(tx, ctx, { action: 'part.create', entityType: 'part', entityId: row.id, after: row });
      return iso(row);
    })
    .catch((err) => duplicate(err, 'partNumber', 'A part with this number'));
}

export async function updatePart(ctx: Ctx, id: string, input: TUpdatePartRequest) {
  return ctx.db
    .transaction(async (tx) => {
      const { version, ...changes } = input;
      const before = await repo.findPart(tx, id);
      if (!before) throw notFound('Part');
      const after = await updateVersioned(tx, parts, 'Part', id, version, definedOnly(changes));
      await writeAudit(tx, ctx, { action: 'part.update', entityType: 'part', entityId: id, before, after });
      return iso(after);
    })
    .catch((err) => duplicate(err, 'partNumber', 'A part with this number'));
}

/** The ledger of a part (newest first), limited to the locations the caller may see. */
export async function partMovements(
  ctx: Ctx,
  partId: string,
  query: { limit: number; before?: number },
): Promise<TLedgerPage> {
  const visible = await visibleLocationIds(ctx);
  if (visible !== 'all' && !visible.length) return { items: [], nextBefore: null };
  const rows = await repo.movementsOfPart(ctx.db, partId, visible, {
    limit: query.limit + 1,
    before: query.before,
  });
  const items = rows.slice(0, query.limit).map((r) => ({ ...r, at: r.at.toISOString() }));
  return { items, nextBefore: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

// ---------- locations ----------

export async function listLocations(ctx: Ctx): Promise<TStockLocationListItem[]> {
  const visible = await visibleLocationIds(ctx);
  const rows = await repo.listLocations(ctx.db);
  return rows.map((l) => ({ ...iso(l), visible: visible === 'all' || visible.includes(l.id) }));
}

export async function createLocation(ctx: Ctx, input: TCreateLocationRequest) {
  await checkKeeper(ctx, input);
  return ctx.db
    .transaction(async (tx) => {
      const row = await repo.insertLocation(tx, input);
      await writeAudit(tx, ctx, {
        action: 'stock-location.create',
        entityType: 'stock_location',
        entityId: row.id,
        after: row,
      });
      return iso(row);
    })
    .catch((err) => duplicate(err, 'code', 'A location with this code'));
}

export async function updateLocation(ctx: Ctx, id: string, input: TUpdateLocationRequest) {
  await checkKeeper(ctx, input);
  return ctx.db
    .transaction(async (tx) => {
      const { version, ...changes } = input;
      const after = await updateVersioned(tx, stockLocations, 'Location', id, version, definedOnly(changes));
      await writeAudit(tx, ctx, {
        action: 'stock-location.update',
        entityType: 'stock_location',
        entityId: id,
        after,
      });
      return iso(after);
    })
    .catch((err) => duplicate(err, 'code', 'A location with this code'));
}

/** A keeper is active staff; a van's keeper is a field engineer. */
async function checkKeeper(ctx: Ctx, input: { keeperId?: string | null; kind?: string }) {
  if (!input.keeperId) return;
  const keeper = await findActiveStaff(ctx.db, input.keeperId);
  if (!keeper) throw invalidField('keeperId', 'not an active staff member');
  if (input.kind === 'van' && !keeper.roles.includes('field_engineer'))
    throw invalidField('keeperId', "a van's keeper is a field engineer");
}

/** Stock held at a location (good and defective), for its keeper or those who see all. */
export async function locationStock(ctx: Ctx, locationId: string) {
  const visible = await visibleLocationIds(ctx);
  if (visible !== 'all' && !visible.includes(locationId)) throw forbidden('You see only the stock you keep');
  return repo.stockAtLocation(ctx.db, locationId);
}
