// SLA policies: edited by managers; the product ships the seed's commitments (defaults.ts). Editing a
// policy does not move the deadlines of tickets already under it: they keep the targets they were
// promised, until the ticket itself changes (kind, priority, emergency…) or a recompute is asked for.
import type { Policy } from '../../../common/sla-rules.ts';
import type { Db } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { slaConfig, toPolicy } from './config.ts';
import { DEFAULT_POLICIES, defaultCalendars } from './defaults.ts';
import * as repo from './repository.ts';
import { slaPolicies } from './schema.ts';

export type PolicyInput = Omit<Policy, 'id' | 'version'>;

const view = (row: repo.PolicyRow) => ({
  ...toPolicy(row),
  updatedAt: row.updatedAt.toISOString(),
});

async function checkPolicy(ctx: Ctx, input: Partial<PolicyInput>) {
  if (!input.targets) return;
  const seen = new Set<string>();
  const calendars = await repo.calendarIds(ctx.db);
  input.targets.forEach((t, i) => {
    const key = `${t.metric}:${t.complexity ?? '*'}`;
    if (seen.has(key))
      throw invalidField(`targets.${i}.metric`, 'a metric appears twice for the same complexity');
    seen.add(key);
    if (t.stop.includes(t.start))
      throw invalidField(`targets.${i}.stop`, 'a target cannot stop at its start event');
    if (t.calendarId && !calendars.has(t.calendarId))
      throw invalidField(`targets.${i}.calendarId`, 'no such calendar');
    if (t.warnMinutes >= t.durationMinutes)
      throw invalidField(`targets.${i}.warnMinutes`, 'the warning must come before the deadline');
  });
}

export async function listPolicies(ctx: Ctx) {
  return (await repo.listPolicyRows(ctx.db)).map(view);
}

export async function createPolicy(ctx: Ctx, input: PolicyInput) {
  await checkPolicy(ctx, input);
  return slaConfig.change(ctx.db, async (tx) => {
    if (input.isDefault) await repo.clearDefaultPolicy(tx);
    const [row] = await repo.insertPolicies(tx, [input]);
    await writeAudit(tx, ctx, {
      action: 'sla-policy.create',
      entityType: 'sla_policy',
      entityId: row!.id,
      after: row,
    });
    return view(row!);
  });
}

export async function updatePolicy(ctx: Ctx, id: string, input: Partial<PolicyInput> & { version: number }) {
  await checkPolicy(ctx, input);
  return slaConfig.change(ctx.db, async (tx) => {
    const before = await repo.findPolicy(tx, id);
    if (!before) throw notFound('Policy');
    const { version, ...changes } = input;
    if (changes.isDefault && !before.isDefault) await repo.clearDefaultPolicy(tx);
    const after = await updateVersioned(tx, slaPolicies, 'Policy', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'sla-policy.update',
      entityType: 'sla_policy',
      entityId: id,
      before,
      after,
    });
    return view(after);
  });
}

export async function deletePolicy(ctx: Ctx, id: string) {
  await slaConfig.change(ctx.db, async (tx) => {
    const row = await repo.deletePolicy(tx, id);
    if (!row) throw notFound('Policy');
    if (row.isDefault)
      throw conflict('The default policy cannot be deleted; make another one the default first');
    await writeAudit(tx, ctx, {
      action: 'sla-policy.delete',
      entityType: 'sla_policy',
      entityId: id,
      before: row,
    });
  });
}

/**
 * Installs the shipped calendars and policies once, into a database that has no policy yet
 * (at start and when loading the demo), calendars in the organisation's zone. Concurrent starts take an advisory lock.
 */
export async function ensureSlaDefaults(db: Db, timeZone: string): Promise<boolean> {
  slaConfig.invalidate(db);
  return db.transaction(async (tx) => {
    await repo.lockDefaultsInstall(tx);
    if (await repo.hasPolicy(tx)) return false;
    if (!(await repo.hasCalendar(tx))) await repo.insertCalendars(tx, defaultCalendars(timeZone));
    await repo.insertPolicies(
      tx,
      DEFAULT_POLICIES.map((p, i) => ({
        name: p.name,
        position: (i + 1) * 10,
        active: true,
        isDefault: p.isDefault,
        conditions: p.conditions,
        targets: p.targets,
      })),
    );
    return true;
  });
}

export type { Policy };
