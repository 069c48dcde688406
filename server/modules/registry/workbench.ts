// What the global search asks of the registry: customers, contacts by phone and equipment, each
// through the registry's own list or lookup (and its scope: a customer finds only its own records).
import type { Ctx } from '../../platform/context.ts';
import { listAssets } from './asset-service.ts';
import { listCustomers, lookupPhone } from './service.ts';

export async function searchRegistry(ctx: Ctx, q: string, limit: number) {
  const staff = ctx.scope.kind !== 'customer';
  const digits = q.replace(/\D/g, '');
  const isPhone = digits.length >= 4 && /^[\d\s+()-]+$/.test(q);
  const [customers, contacts, assets] = await Promise.all([
    staff ? listCustomers(ctx, { q, sort: 'name', limit }, null) : null,
    staff && isPhone ? lookupPhone(ctx, q) : null,
    listAssets(ctx, { q, limit }, null),
  ]);
  return {
    customers: customers?.items ?? [],
    contacts: (contacts ?? []).slice(0, limit),
    assets: assets.items,
  };
}
