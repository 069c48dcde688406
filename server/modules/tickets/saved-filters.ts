// A user's saved queue filters.
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import * as repo from './repository.ts';

export async function listSavedFilters(ctx: Ctx) {
  if (!ctx.principal.userId) return [];
  return (await repo.listSavedFilters(ctx.db, ctx.principal.userId)).map((f) => ({
    id: f.id,
    name: f.name,
    query: f.query,
  }));
}

export async function saveFilter(ctx: Ctx, input: { name: string; query: Record<string, string> }) {
  if (!ctx.principal.userId) throw forbidden();
  const row = await repo.upsertSavedFilter(ctx.db, ctx.principal.userId, input.name, input.query);
  return { id: row.id, name: row.name, query: row.query };
}

export async function deleteSavedFilter(ctx: Ctx, id: string) {
  if (!ctx.principal.userId || !(await repo.deleteSavedFilter(ctx.db, ctx.principal.userId, id)))
    throw notFound('Saved filter');
}
