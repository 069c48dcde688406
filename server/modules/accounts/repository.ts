// Every SQL statement of the accounts module.
import { and, asc, eq, getTableColumns, gt, ilike, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { hotStatement } from '../../db/prepared.ts';
import { customerNameOf } from '../registry/index.ts';
import { apiTokens, loginAttempts, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type UserWithCustomer = UserRow & { customerName: string | null };

function userColumns() {
  return { ...getTableColumns(users), customerName: customerNameOf(users.customerId) };
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserWithCustomer | undefined> {
  const [row] = await db.select(userColumns()).from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(
  db: Executor,
  filter: { q?: string; kind?: string; role?: string; customerId?: string },
  after: { v: string; id: string } | null,
  limit: number,
): Promise<UserWithCustomer[]> {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(
      or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.email, like))!,
    );
  }
  if (filter.kind) conditions.push(eq(users.kind, filter.kind as 'staff' | 'customer'));
  if (filter.role) conditions.push(sql`${filter.role} = any(${users.roles})`);
  if (filter.customerId) conditions.push(eq(users.customerId, filter.customerId));
  if (after) conditions.push(sql`(lower(${users.username}), ${users.id}) > (${after.v}, ${after.id})`);
  return db
    .select(userColumns())
    .from(users)
    .where(and(...conditions))
    .orderBy(sql`lower(${users.username})`, asc(users.id))
    .limit(limit + 1);
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/** Optimistic concurrency: the update applies only at the expected version. */
export async function updateUser(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

// ---------- sessions ----------
export async function insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

// Every request of a signed-in user reads its session: built once (server/db/prepared.ts).
const activeSession = hotStatement('sessions_find_active', (db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`),
        eq(users.disabled, false),
      ),
    ),
);

export async function findActiveSession(db: Executor, id: string, now: Date) {
  const [row] = await activeSession(db, { id, now: now.toISOString() });
  return row;
}

export async function touchSession(db: Executor, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(
  db: Executor,
  userId: string,
  exceptSessionId?: string | null,
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return rows.length;
}

// ---------- login attempts ----------
/**
 * Serialises the login attempts of one account and of one address until the transaction ends, so
 * that counting the failures and reserving the next attempt is one step. Account keys are always
 * taken before address keys, in separate key spaces, so two attempts cannot wait on each other.
 */
export async function lockLoginAttempts(tx: Executor, username: string, ip: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${username.toLowerCase()}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(2, hashtext(${ip}))`);
}

export interface LoginFailureStats {
  account: { n: number; oldest: Date | null; latest: Date | null };
  accountFromAddress: { n: number; oldest: Date | null };
  address: { n: number; oldest: Date | null };
}

export async function loginFailureStats(
  db: Executor,
  username: string,
  ip: string,
  since: Date,
): Promise<LoginFailureStats> {
  const name = username.toLowerCase();
  const forAccount = sql`${loginAttempts.username} = ${name}`;
  const fromAddress = sql`${loginAttempts.ip} = ${ip}`;
  const result = await db.execute<Record<string, string | Date | null>>(sql`
    select count(*) filter (where ${forAccount})::int as account_n,
           min(${loginAttempts.at}) filter (where ${forAccount}) as account_oldest,
           max(${loginAttempts.at}) filter (where ${forAccount}) as account_latest,
           count(*) filter (where ${forAccount} and ${fromAddress})::int as both_n,
           min(${loginAttempts.at}) filter (where ${forAccount} and ${fromAddress}) as both_oldest,
           count(*) filter (where ${fromAddress})::int as address_n,
           min(${loginAttempts.at}) filter (where ${fromAddress}) as address_oldest
      from ${loginAttempts}
     where (${forAccount} or ${fromAddress}) and ${loginAttempts.at} >= ${since}`);
  const row = result.rows[0] ?? {};
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    account: {
      n: Number(row.account_n ?? 0),
      oldest: date(row.account_oldest),
      latest: date(row.account_latest),
    },
    accountFromAddress: { n: Number(row.both_n ?? 0), oldest: date(row.both_oldest) },
    address: { n: Number(row.address_n ?? 0), oldest: date(row.address_oldest) },
  };
}

/** Recorded before the password is checked, so parallel attempts count; deleted if it was right. */
export async function insertLoginAttempt(db: Executor, username: string, ip: string, at: Date) {
  const [row] = await db
    .insert(loginAttempts)
    .values({ username: username.toLowerCase(), ip, at })
    .returning({ id: loginAttempts.id });
  return row!.id;
}

/** A successful login forgives the failures from its own address, not those from elsewhere. */
export async function clearFailedLogins(db: Executor, username: string, ip: string): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.username, username.toLowerCase()), eq(loginAttempts.ip, ip)));
}

export async function deleteOldLoginAttempts(db: Executor, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}

// ---------- api tokens ----------
export async function insertApiToken(db: Executor, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: Executor) {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt));
}

export async function findApiTokenByHash(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}

export async function revokeApiToken(db: Executor, id: string, now: Date) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export async function markApiTokenUsed(db: Executor, id: string, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}
