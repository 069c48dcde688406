// Leave (请假) of any member of staff. The engineer's profile (engineer_profiles) is the one place a
// person's working days, hours and leave are kept, so the dispatcher and the trainers' calendar read the
// same leave: a trainer's leave lives in his profile row too (its engineer-only fields left at their
// defaults). Other modules read and write it through these two functions.
import type { TLeave } from '../../../common/field-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, staleVersion } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import * as repo from './repository.ts';

export interface StaffLeave {
  leave: TLeave[];
  /** The profile's version (0: none yet), for the next change. */
  version: number;
}

/** The leave of each of `userIds` (in one statement); someone without a profile has none. */
export async function staffLeave(db: Executor, userIds: readonly string[]): Promise<Map<string, StaffLeave>> {
  const profiles = await repo.profilesOf(db, [...new Set(userIds)]);
  return new Map(
    userIds.map((id) => {
      const p = profiles.get(id);
      return [id, { leave: p?.leave ?? [], version: p?.version ?? 0 }];
    }),
  );
}

/** Replaces a staff member's leave at the version read (409 otherwise), audited. */
export async function saveStaffLeave(
  ctx: Ctx,
  userId: string,
  input: { version: number; leave: TLeave[] },
  /** The request's name for the person (a 422 names it when he is not active staff). */
  field = 'userId',
): Promise<StaffLeave> {
  input.leave.forEach((l, i) => {
    if (l.to < l.from) throw invalidField(`leave.${i}.to`, 'before the start of the leave');
  });
  await assertReferences(ctx, null, [{ field, kind: 'staff', ids: userId }]);
  const leave = [...input.leave].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return ctx.db.transaction(async (tx) => {
    const before = (await repo.profilesOf(tx, [userId])).get(userId);
    const row = await repo.upsertProfile(tx, userId, input.version, { leave }, ctx.clock.now());
    if (!row) throw staleVersion('Leave');
    await writeAudit(tx, ctx, {
      action: 'staff.leave',
      entityType: 'user',
      entityId: userId,
      before: { leave: before?.leave ?? [] },
      after: { leave: row.leave },
    });
    return { leave: row.leave, version: row.version };
  });
}
