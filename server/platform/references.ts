// Every id a request carries is checked against the caller's scope and the record it will be bound
// to, in one place: a service names its references (field, kind, ids, the customer the record
// belongs to) and the owning modules answer which of them qualify. A missing id and another
// customer's id get the same answer (422 naming the field), so nothing leaks.
import type { Executor } from '../db/pool.ts';
import type { Ctx, Scope } from './context.ts';
import { invalidField } from './errors.ts';

export type ReferenceKind =
  | 'customer'
  | 'contact'
  | 'project'
  | 'asset'
  | 'file'
  | 'part'
  | 'staff'
  | 'customer_user';

export interface ReferenceQuery {
  /** The caller's scope: a customer user reaches only its organisation's records. */
  scope: Scope;
  /** The customer the referring record belongs to (a ticket's customer), when it has one. */
  customerId: string | null;
}

/** Of `ids`, those that exist and may be bound for this query. Written by the owning module. */
export type ReferenceResolver = (db: Executor, ids: string[], query: ReferenceQuery) => Promise<Set<string>>;

const resolvers = new Map<ReferenceKind, ReferenceResolver>();

/** Owning modules provide their resolvers at start-up (server/app.ts). */
export function provideReferences(kind: ReferenceKind, resolver: ReferenceResolver): void {
  resolvers.set(kind, resolver);
}

export interface Reference {
  field: string;
  kind: ReferenceKind;
  ids: string | readonly string[] | null | undefined;
}

const MESSAGES: Record<ReferenceKind, string> = {
  customer: 'no such customer',
  contact: "not one of the customer's contacts",
  project: "not one of the customer's projects",
  asset: "not the customer's equipment",
  file: 'no such file for this customer',
  part: 'no such part',
  staff: 'no such active staff member',
  customer_user: 'not a portal user of the customer',
};

export async function assertReferences(
  ctx: Ctx,
  customerId: string | null,
  references: readonly Reference[],
  db: Executor = ctx.db,
): Promise<void> {
  for (const ref of references) {
    const ids = [...new Set(typeof ref.ids === 'string' ? [ref.ids] : (ref.ids ?? []))];
    if (!ids.length) continue;
    const resolve = resolvers.get(ref.kind);
    if (!resolve) throw new Error(`no reference resolver for ${ref.kind} (wired in server/app.ts)`);
    const found = await resolve(db, ids, { scope: ctx.scope, customerId });
    if (ids.some((id) => !found.has(id))) throw invalidField(ref.field, MESSAGES[ref.kind]);
  }
}
