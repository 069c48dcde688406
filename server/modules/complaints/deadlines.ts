// The complaint deadlines as SLA-like targets (篇1 六, 篇4 c.4): a warning before each deadline and a
// breach after it, told to the responsible person and the service managers once per complaint,
// target, round and level. The sweep reads only the complaints due (partial index on next_flag_at).
import type { TComplaintTarget } from '../../../common/complaints-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { localTime } from './mail.ts';
import * as repo from './repository.ts';
import { deadlinesOf, dueLevels } from './rules.ts';
import { settingsOf } from './service.ts';

const SWEEP_BATCH = 500;

export async function sweepComplaintDeadlines(ctx: Ctx) {
  const result = { warnings: 0, breaches: 0 };
  for (;;) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const due = await repo.claimDueFlags(tx, now, SWEEP_BATCH);
      if (!due.length) return 0;
      const settings = await settingsOf(tx);
      const managers = await activeStaffIds(tx, ['manager']);
      const notices: Parameters<typeof sendNotices>[2][number][] = [];
      for (const c of due) {
        const { fire, next } = dueLevels(deadlinesOf(c, settings), now, c.status === 'closed');
        for (const f of fire) {
          if (
            !(await repo.recordFlag(
              tx,
              { complaintId: c.id, target: f.target, round: c.round },
              f.level,
              now,
            ))
          )
            continue;
          if (f.level === 'warning') result.warnings++;
          else result.breaches++;
          const dueAt = deadlinesOf(c, settings).find((d) => d.target === f.target)!.dueAt;
          const payload = {
            complaintId: c.id,
            number: c.number,
            target: f.target,
            dueAt: localTime(dueAt, ctx.timeZone),
          };
          notices.push({
            kind: f.level === 'warning' ? 'complaints.deadline-warning' : 'complaints.deadline-breach',
            userIds: [...new Set([...(c.responsibleUserId ? [c.responsibleUserId] : []), ...managers])],
            payload,
            dedupeKey: `complaints.${f.level}:${c.id}:${f.target}:${c.round}`,
            render: (locale) => renderDeadline(f.level, payload, locale),
          });
        }
        await repo.setNextFlag(tx, c.id, next);
      }
      await sendNotices(tx, ctx, notices);
      return due.length;
    });
    if (claimed < SWEEP_BATCH) return result;
  }
}

const TARGET_WORDS: Record<TComplaintTarget, [string, string]> = {
  handle: ['处理', 'handling'],
  on_site: ['到场', 'on site'],
  solution: ['解决方案', 'solution'],
  replacement: ['更换', 'replacement'],
  feedback: ['回访反馈', 'feedback'],
};

function renderDeadline(
  level: 'warning' | 'breach',
  p: { number: string; target: TComplaintTarget; dueAt: string },
  locale: string,
) {
  const [zh, en] = TARGET_WORDS[p.target];
  if (locale.startsWith('zh'))
    return level === 'warning'
      ? {
          subject: `投诉${zh}即将超时：${p.number}`,
          text: `投诉 ${p.number} 的${zh}时限为 ${p.dueAt}，即将到期。`,
        }
      : { subject: `投诉${zh}已超时：${p.number}`, text: `投诉 ${p.number} 的${zh}时限 ${p.dueAt} 已过。` };
  return level === 'warning'
    ? {
        subject: `Complaint ${en} due soon: ${p.number}`,
        text: `The ${en} of complaint ${p.number} is due by ${p.dueAt}.`,
      }
    : {
        subject: `Complaint ${en} overdue: ${p.number}`,
        text: `The ${en} of complaint ${p.number} was due by ${p.dueAt}.`,
      };
}
