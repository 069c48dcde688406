// A user's own notification preferences: which channels they get per kind. Only the caller's own;
// there is no way to name another user.
import { eq, inArray, sql } from 'drizzle-orm';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type TNotificationChannel,
  type TNotificationKind,
  type TNotificationPreferences,
  type TPutNotificationPreferencesRequest,
} from '../../../common/notifications-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion, unauthorized } from '../../platform/errors.ts';
import { type OrgDefaults, orgDefaults } from './org-defaults.ts';
import { notificationPreferences } from './schema.ts';

type Chosen = Record<string, string[]>;
const DEFAULT_ORDER: readonly TNotificationChannel[] = NOTIFICATION_CHANNELS;

const userOf = (ctx: Ctx) => {
  if (!ctx.principal.userId) throw unauthorized('Preferences belong to users');
  return ctx.principal.userId;
};

/** The channels a user gets for a kind: their choice, else the organisation's default for it. */
export function channelsFor(
  chosen: Chosen | undefined,
  kind: TNotificationKind,
  defaults: OrgDefaults,
): TNotificationChannel[] {
  return (chosen?.[kind] ?? defaults[kind]) as TNotificationChannel[];
}

/** The stored choices of several users at once (one query), for a sender. */
export async function choicesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, Chosen>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .select({ userId: notificationPreferences.userId, channels: notificationPreferences.channels })
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.userId, [...new Set(userIds)]));
  return new Map(rows.map((r) => [r.userId, r.channels]));
}

function view(
  row: { channels: Chosen; version: number } | undefined,
  defaults: OrgDefaults,
): TNotificationPreferences {
  return {
    version: row?.version ?? 0,
    items: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      channels: channelsFor(row?.channels, kind, defaults),
      defaultChannels: [...defaults[kind]],
      customised: row?.channels[kind] !== undefined,
    })),
  };
}

export async function getMyPreferences(ctx: Ctx): Promise<TNotificationPreferences> {
  const [row] = await ctx.db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userOf(ctx)));
  return view(row, await orgDefaults(ctx.db));
}

/**
 * Sets the kinds named, at the version the caller read (0: never saved): a stale version is a 409,
 * so two tabs cannot silently overwrite each other; sending the same body again at the new version
 * changes nothing.
 */
export async function putMyPreferences(
  ctx: Ctx,
  input: TPutNotificationPreferencesRequest,
): Promise<TNotificationPreferences> {
  const userId = userOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId))
      .for('update');
    if ((current?.version ?? 0) !== input.version) throw staleVersion('Notification preferences');
    const channels: Chosen = { ...(current?.channels ?? {}) };
    for (const item of input.items) {
      if (item.channels === null) delete channels[item.kind];
      // Stored in the canonical order, so equal choices compare equal.
      else channels[item.kind] = DEFAULT_ORDER.filter((c) => item.channels?.includes(c));
    }
    const now = ctx.clock.now();
    const [row] = current
      ? await tx
          .update(notificationPreferences)
          .set({ channels, version: sql`${notificationPreferences.version} + 1`, updatedAt: now })
          .where(eq(notificationPreferences.userId, userId))
          .returning()
      : await tx
          .insert(notificationPreferences)
          .values({ userId, channels, updatedAt: now })
          .onConflictDoNothing()
          .returning();
    // Two first saves at once: the second finds the row the first wrote.
    if (!row) throw staleVersion('Notification preferences');
    await writeAudit(tx, ctx, {
      action: 'notification-preferences.update',
      entityType: 'user',
      entityId: userId,
      before: current?.channels ?? null,
      after: channels,
    });
    return view(row, await orgDefaults(tx));
  });
}
