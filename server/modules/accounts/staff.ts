// Who does the work: the one place other modules ask "which active staff hold role X" and "what is
// this user called". Staff-side reads; callers decide who may see them.
import { and, asc, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TRole } from '../../../common/roles.ts';
import type { Executor } from '../../db/pool.ts';
import { users } from './schema.ts';

const ACTIVE_STAFF = sql`${users.kind} = 'staff' and not ${users.disabled}`;

/** Ids of active staff holding any of `roles`, plus the active staff among `alsoIds` (e.g. a keeper). */
export async function activeStaffIds(
  db: Executor,
  roles: readonly TRole[],
  alsoIds: readonly (string | null | undefined)[] = [],
): Promise<string[]> {
  const extra = alsoIds.filter((x): x is string => typeof x === 'string');
  const matches: SQL[] = roles.map((r) => sql`${r} = any(${users.roles})`);
  if (extra.length) matches.push(inArray(users.id, extra));
  if (!matches.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(ACTIVE_STAFF, or(...matches)))
    .orderBy(asc(users.username));
  return rows.map((r) => r.id);
}

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  locale: string;
}

const staffColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  phone: users.phone,
  roles: users.roles,
  locale: users.locale,
};

/** Active staff holding `role`, by login name. */
export async function listActiveStaff(db: Executor, role: TRole, limit = 500): Promise<StaffMember[]> {
  return db
    .select(staffColumns)
    .from(users)
    .where(and(ACTIVE_STAFF, sql`${role} = any(${users.roles})`))
    .orderBy(asc(users.username))
    .limit(limit);
}

/** The active staff among `ids`, in the order given (disabled, customer users and unknown ids left out). */
export async function findActiveStaffMembers(db: Executor, ids: readonly string[]): Promise<StaffMember[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(staffColumns)
    .from(users)
    .where(and(ACTIVE_STAFF, inArray(users.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

/** One active staff member, or undefined (disabled, a customer user, or no such id). */
export async function findActiveStaff(db: Executor, id: string): Promise<StaffMember | undefined> {
  return (await findActiveStaffMembers(db, [id]))[0];
}

/** Display names of users (any kind), for showing who did what. */
export async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
