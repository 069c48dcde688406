// Every SQL statement on improvement suggestions.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { improvementSuggestions as s } from './schema.ts';

export type SuggestionRow = typeof s.$inferSelect;

export async function insertSuggestion(db: Executor, values: typeof s.$inferInsert): Promise<SuggestionRow> {
  const [row] = await db.insert(s).values(values).returning();
  return row!;
}

/** The suggestion a source gave first (a follow-up's outcome gives one), locked for the change. */
export async function findBySource(
  db: Executor,
  sourceKind: SuggestionRow['sourceKind'],
  sourceId: string,
): Promise<SuggestionRow | undefined> {
  const [row] = await db
    .select()
    .from(s)
    .where(and(eq(s.sourceKind, sourceKind), eq(s.sourceId, sourceId)))
    .orderBy(s.createdAt, s.id)
    .limit(1)
    .for('update');
  return row;
}

export async function findSuggestion(db: Executor, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(s)
    .where(and(eq(s.id, id), scopeFilter(s.customerId, scope)));
  return row;
}

export async function listSuggestions(
  db: Executor,
  scope: Scope,
  filter: { status?: SuggestionRow['status']; customerId?: string },
  after: CursorKey | null,
  limit: number,
): Promise<SuggestionRow[]> {
  return db
    .select()
    .from(s)
    .where(
      and(
        scopeFilter(s.customerId, scope),
        filter.status ? eq(s.status, filter.status) : undefined,
        filter.customerId ? eq(s.customerId, filter.customerId) : undefined,
        after
          ? or(
              lt(s.createdAt, new Date(String(after.v))),
              and(eq(s.createdAt, new Date(String(after.v))), lt(s.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(s.createdAt), desc(s.id))
    .limit(limit + 1);
}
