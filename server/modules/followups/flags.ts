// Due-soon and overdue warnings of follow-ups, SLA-like: `flag_at` is the next warning instant (a
// partial index), the sweep claims what has come (FOR UPDATE SKIP LOCKED), fires each level once —
// "due soon" to the agent (the managers when nobody has it), "overdue" to the agent and the managers —
// and moves `flag_at` to the next level. Work is proportional to what is due.
import type { Ctx } from '../../platform/context.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { customerFacts } from '../registry/index.ts';
import * as repo from './repository.ts';
import { flagAfter, levelDue } from './rules.ts';
import { settingsOf } from './settings.ts';

const SWEEP_BATCH = 500;

export async function sweepFollowUpFlags(ctx: Ctx): Promise<{ dueSoon: number; overdue: number }> {
  const now = ctx.clock.now();
  const settings = await settingsOf(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.claimFlags(tx, now, SWEEP_BATCH);
    const result = { dueSoon: 0, overdue: 0 };
    if (!rows.length) return result;
    const managers = await activeStaffIds(tx, ['manager']);
    const customers = await customerFacts(
      tx,
      rows.map((r) => r.customerId),
    );
    for (const r of rows) {
      const level = levelDue(r.flagLevel, r.dueAt, now, settings);
      if (!level) {
        await repo.setFlag(tx, r.id, r.flagLevel, flagAfter(r.flagLevel, r.dueAt, settings));
        continue;
      }
      const agent = r.agentId ? [r.agentId] : [];
      const userIds = level === 1 ? (agent.length ? agent : managers) : [...agent, ...managers];
      const customer = customers.get(r.customerId)?.name ?? '';
      const reference = r.reference ?? '';
      await sendNotices(tx, ctx, [
        {
          kind: level === 1 ? 'followups.due-soon' : 'followups.overdue',
          userIds,
          payload: { followUpId: r.id, customer, reference, dueAt: r.dueAt.toISOString() },
          render: (locale) => {
            const en = locale.startsWith('en');
            const line =
              level === 1
                ? en
                  ? `Follow-up with ${customer} is due soon (${reference})`
                  : `${customer} 的回访即将到期（${reference}）`
                : en
                  ? `Follow-up with ${customer} is overdue (${reference})`
                  : `${customer} 的回访已逾期（${reference}）`;
            return { subject: line, text: line };
          },
          dedupeKey: `followup-flag:${r.id}:${level}`,
        },
      ]);
      await repo.setFlag(tx, r.id, level, flagAfter(level, r.dueAt, settings));
      if (level === 1) result.dueSoon++;
      else result.overdue++;
    }
    return result;
  });
}
