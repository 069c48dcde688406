// Registry use cases. Customers (业主): a customer user sees only its own organisation.
import type { TCreateCustomerRequest, TCustomer, TUpdateCustomerRequest } from '../../../common/api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { findByPhone, findSimilarCustomers } from './project-repository.ts';
import * as repo from './repository.ts';

function toCustomer(row: repo.CustomerRow): TCustomer {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    region: row.region,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    address: row.address,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listCustomers(
  ctx: Ctx,
  query: { q?: string; type?: string; region?: string; sort: repo.CustomerSort; limit: number },
  after: CursorKey | null,
) {
  const rows = await repo.listCustomers(ctx.db, ctx.scope, query, after, query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({
    v:
      query.sort === 'createdAt'
        ? r.createdAt.toISOString()
        : query.sort === 'code'
          ? r.code.toLowerCase()
          : r.name,
    id: r.id,
  }));
  return { items: page.items.map(toCustomer), nextCursor: page.nextCursor };
}

export async function getCustomer(ctx: Ctx, id: string): Promise<TCustomer> {
  const row = await repo.findCustomer(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Customer');
  return toCustomer(row);
}

export async function createCustomer(ctx: Ctx, input: TCreateCustomerRequest): Promise<TCustomer> {
  if (ctx.scope.kind === 'customer') throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertCustomer(tx, {
      code: input.code,
      name: input.name,
      type: input.type ?? 'enterprise',
      region: input.region ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      contactEmail: input.contactEmail ?? null,
      address: input.address ?? null,
    });
    await writeAudit(tx, ctx, {
      action: 'customer.create',
      entityType: 'customer',
      entityId: row.id,
      after: row,
    });
    return toCustomer(row);
  });
}

export async function updateCustomer(
  ctx: Ctx,
  id: string,
  input: TUpdateCustomerRequest,
): Promise<TCustomer> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findCustomer(tx, ctx.scope, id);
    if (!before) throw notFound('Customer');
    const { version, ...changes } = input;
    const after = await repo.updateCustomer(tx, ctx.scope, id, version, changes);
    if (!after) throw staleVersion('Customer');
    await writeAudit(tx, ctx, {
      action: 'customer.update',
      entityType: 'customer',
      entityId: id,
      before,
      after,
    });
    return toCustomer(after);
  });
}

/** Possible duplicates of a customer being entered: same phone or a similar name. */
export async function findDuplicateCustomers(ctx: Ctx, name?: string, phone?: string) {
  if (ctx.scope.kind === 'customer') throw forbidden();
  return findSimilarCustomers(ctx.db, name, phone);
}

/** A caller's phone number → their organisation and contact (staff only). */
export async function lookupPhone(ctx: Ctx, phone: string) {
  if (ctx.scope.kind === 'customer') throw forbidden();
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return [];
  return (await findByPhone(ctx.db, digits)).map((r) => ({
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerCode: r.customer_code,
    contactId: r.contact_id,
    contactName: r.contact_name,
    phone: r.phone,
  }));
}
