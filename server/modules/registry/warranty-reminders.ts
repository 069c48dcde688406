// Warranty expiry reminders: each day, equipment whose warranty or latent-defect period ends within
// N days (default 60) is announced to the project's responsible engineers and the service managers,
// through the outbox (in-app), once per asset, period and end date.
import { addDays, daysBetween, toLocalDate } from '../../../common/calendar-dates.ts';
import type { Db } from '../../db/pool.ts';
import type { Clock } from '../../platform/clock.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { findExpiringAssets } from './asset-repository.ts';

const DEFAULT_REMINDER_DAYS = 60;

export async function sendWarrantyExpiryReminders(
  db: Db,
  clock: Clock,
  timeZone: string,
  options: { days?: number } = {},
): Promise<{ assets: number; messages: number }> {
  const days = options.days ?? DEFAULT_REMINDER_DAYS;
  const today = toLocalDate(clock.now(), timeZone);
  const rows = await findExpiringAssets(db, today, addDays(today, days));
  const managers = await activeStaffIds(db, ['manager']);
  let messages = 0;
  await db.transaction(async (tx) => {
    for (const row of rows) {
      const periods = [
        { period: 'warranty', endsOn: row.warranty_end },
        { period: 'latent_defect', endsOn: row.latent_end },
      ].filter((p) => p.endsOn > today && daysBetween(today, p.endsOn) <= days);
      const recipients = [...new Set([...(row.engineer_ids ?? []), ...managers])];
      for (const p of periods) {
        const daysLeft = daysBetween(today, p.endsOn);
        messages += await sendNotices(tx, { clock }, [
          {
            kind: 'registry.warranty-expiring',
            userIds: recipients,
            payload: {
              assetId: row.id,
              serial: row.serial,
              projectId: row.project_id,
              projectName: row.project_name,
              period: p.period,
              endsOn: p.endsOn,
              daysLeft,
            },
            render: (locale) => {
              const line = locale.startsWith('en')
                ? `The ${p.period === 'warranty' ? 'warranty' : 'latent-defect period'} of ${row.serial} (${row.project_name}) ends on ${p.endsOn}, in ${daysLeft} days`
                : `设备 ${row.serial}（${row.project_name}）的${p.period === 'warranty' ? '质保期' : '潜在缺陷期'}将于 ${p.endsOn} 结束，剩余 ${daysLeft} 天`;
              return { subject: line, text: line };
            },
            dedupeKey: `warranty-expiring:${row.id}:${p.period}:${p.endsOn}`,
          },
        ]);
      }
    }
  });
  return { assets: rows.length, messages };
}
