// Telling staff about something: each recipient gets the message on the channels they chose for its
// kind (their preference, else the organisation's default for it), among those the source offers. Written to the
// outbox in the caller's transaction; the outbox worker delivers (in-app, SMTP, the SMS adapter).
import {
  NOTIFICATION_CHANNELS,
  type TNotificationChannel,
  type TNotificationKind,
} from '../../../common/notifications-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { findActiveStaffMembers, type StaffMember } from '../accounts/index.ts';
import { orgDefaults } from './org-defaults.ts';
import { channelsFor, choicesOf } from './preferences.ts';

export interface Notice {
  kind: TNotificationKind;
  /** Users to tell; only active staff are (a disabled or customer user is left out). */
  userIds: readonly string[];
  /** The channels the source offers (an SLA level's); the recipient's choice picks among them. */
  offered?: readonly TNotificationChannel[];
  payload: Record<string, unknown>;
  /** Subject and text of the email and SMS, in the recipient's language. */
  render(locale: string): { subject: string; text: string };
  /** Unique per message; the recipient and the channel are appended. */
  dedupeKey: string;
}

const addressOf = (user: StaffMember, channel: TNotificationChannel) =>
  channel === 'in_app' ? user.id : channel === 'email' ? user.email : user.phone;

/** Enqueues the notices; recipients and their choices are read once for all of them. */
export async function sendNotices(
  tx: Executor,
  ctx: Pick<Ctx, 'clock'>,
  notices: readonly Notice[],
): Promise<number> {
  const ids = [...new Set(notices.flatMap((n) => n.userIds))];
  if (!ids.length) return 0;
  const staff = new Map((await findActiveStaffMembers(tx, ids)).map((u) => [u.id, u]));
  const choices = await choicesOf(tx, ids);
  const defaults = await orgDefaults(tx);
  const now = ctx.clock.now();
  let sent = 0;
  for (const notice of notices) {
    const offered = notice.offered ?? NOTIFICATION_CHANNELS;
    for (const userId of new Set(notice.userIds)) {
      const user = staff.get(userId);
      if (!user) continue;
      const channels = channelsFor(choices.get(userId), notice.kind, defaults).filter((c) =>
        offered.includes(c),
      );
      if (!channels.length) continue;
      const rendered = notice.render(user.locale);
      for (const channel of channels) {
        const recipient = addressOf(user, channel);
        if (!recipient) continue;
        await enqueueMessage(
          tx,
          {
            channel,
            recipient,
            template: notice.kind,
            payload: { ...notice.payload, subject: rendered.subject, text: rendered.text },
            dedupeKey: `${notice.dedupeKey}:${userId}:${channel}`,
          },
          now,
        );
        sent++;
      }
    }
  }
  return sent;
}
