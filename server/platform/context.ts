// Who is acting, and which organisation's data they may touch. Every service call receives one.
import type { TPermission } from '../../common/roles.ts';
import type { Db, Tx } from '../db/pool.ts';
import type { Clock } from './clock.ts';

export interface Principal {
  userId: string | null;
  tokenId: string | null;
  sessionId: string | null;
  kind: 'staff' | 'customer';
  roles: string[];
  permissions: Set<TPermission>;
  customerId: string | null;
  /** Login name or token name: what the audit log records. */
  label: string;
  /** The person's name, shown to others (conversation, archive). */
  displayName: string;
  locale: string;
}

/**
 * A customer user is confined to one organisation. Repositories of customer-scoped tables take a
 * Scope argument and apply it in SQL, so a forgotten filter cannot leak another organisation's rows.
 */
export type Scope = { kind: 'all' } | { kind: 'customer'; customerId: string };

export interface Ctx {
  db: Db;
  clock: Clock;
  principal: Principal;
  scope: Scope;
  ip: string | null;
  requestId: string | null;
  /** The organisation's IANA time zone (configuration `DEFAULT_TIME_ZONE`): local dates, years, reports. */
  timeZone: string;
}

export function scopeOf(principal: Principal): Scope {
  if (principal.kind === 'customer') {
    if (!principal.customerId) throw new Error('customer principal without a customer');
    return { kind: 'customer', customerId: principal.customerId };
  }
  return { kind: 'all' };
}

export const SYSTEM_PRINCIPAL: Principal = {
  userId: null,
  tokenId: null,
  sessionId: null,
  kind: 'staff',
  roles: ['admin'],
  permissions: new Set(),
  customerId: null,
  label: 'system',
  displayName: 'system',
  locale: 'zh-CN',
};

/** What a background job or the CLI acts with: the database, the clock and the organisation's zone. */
export interface SystemDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
}

export function systemCtx(deps: SystemDeps, label = 'system'): Ctx {
  return {
    db: deps.db,
    clock: deps.clock,
    timeZone: deps.timeZone,
    principal: { ...SYSTEM_PRINCIPAL, label, displayName: label },
    scope: { kind: 'all' },
    ip: null,
    requestId: null,
  };
}

/** The same caller acting inside a transaction: services called with it join that transaction. */
export function ctxInTransaction(ctx: Ctx, tx: Tx): Ctx {
  return { ...ctx, db: Object.assign(tx, { $client: ctx.db.$client }) };
}
