// Routing: which team (and perhaps which engineer) a new request goes to, and the rules admins edit.
import { routeTicket } from '../../../common/ticket-rules.ts';
import type { TCreateTicketRequest } from '../../../common/tickets-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import { configCache } from '../../platform/config-cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { getCustomer, getProduct, getProject } from '../registry/index.ts';
import * as repo from './repository.ts';
import { routingRules } from './schema.ts';

/** Routing rules, read on every new request, cached briefly (see platform/config-cache.ts). */
const routingRulesCache = configCache((tx) => repo.listRoutingRules(tx));

/**
 * The facts routing rules look at: kind, fault category, product categories, region (the project's
 * when there is one, else the customer's — the caller passes the one it has already read).
 */
export async function routeOf(
  ctx: Ctx,
  input: Pick<TCreateTicketRequest, 'kind' | 'faultCategory'>,
  customerId: string,
  projectId: string | null,
  assets: { productId: string }[],
  known?: { region: string | null },
) {
  const staffCtx = { ...ctx, scope: { kind: 'all' as const } };
  const categories: string[] = [];
  for (const productId of new Set(assets.map((a) => a.productId))) {
    // A rule's product condition names a product category or a model.
    const product = await getProduct(staffCtx, productId);
    categories.push(product.category, product.model);
  }
  const region = known
    ? known.region
    : projectId
      ? (await getProject(staffCtx, projectId)).region
      : (await getCustomer(staffCtx, customerId)).region;
  return routeTicket(await routingRulesCache.get(ctx.db), {
    kind: input.kind,
    faultCategory: input.faultCategory ?? null,
    productCategories: categories,
    region: region ?? null,
  });
}

export interface RoutingRuleInput {
  position: number;
  kind: TCreateTicketRequest['kind'] | null;
  faultCategory: string | null;
  productCategory: string | null;
  region: string | null;
  team: string;
  assigneeId: string | null;
  active: boolean;
}

function toRule(r: Awaited<ReturnType<typeof repo.listRoutingRules>>[number]) {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

export async function listRoutingRules(ctx: Ctx) {
  return (await repo.listRoutingRules(ctx.db)).map(toRule);
}

export async function createRoutingRule(ctx: Ctx, input: RoutingRuleInput) {
  return routingRulesCache.change(ctx.db, async (tx) => {
    const row = await repo.insertRoutingRule(tx, input);
    await writeAudit(tx, ctx, {
      action: 'routing-rule.create',
      entityType: 'routing_rule',
      entityId: row.id,
      after: row,
    });
    return toRule(row);
  });
}

export async function updateRoutingRule(
  ctx: Ctx,
  id: string,
  input: Partial<RoutingRuleInput> & { version: number },
) {
  return routingRulesCache.change(ctx.db, async (tx) => {
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, routingRules, 'Routing rule', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'routing-rule.update',
      entityType: 'routing_rule',
      entityId: id,
      after,
    });
    return toRule(after);
  });
}

export async function deleteRoutingRule(ctx: Ctx, id: string) {
  await routingRulesCache.change(ctx.db, async (tx) => {
    const before = await repo.deleteRoutingRule(tx, id);
    if (!before) throw notFound('Routing rule');
    await writeAudit(tx, ctx, {
      action: 'routing-rule.delete',
      entityType: 'routing_rule',
      entityId: id,
      before,
    });
  });
}
