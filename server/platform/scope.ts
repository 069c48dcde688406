// The data-layer half of customer confinement: a repository of a customer-scoped table builds its
// WHERE clause through scopeFilter, which a customer scope always narrows to that organisation.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from './context.ts';

export function scopeFilter(customerColumn: PgColumn, scope: Scope): SQL {
  return scope.kind === 'customer' ? eq(customerColumn, scope.customerId) : sql`true`;
}
