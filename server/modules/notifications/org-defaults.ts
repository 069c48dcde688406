// The organisation's default channels per kind: an administrator sets them (audited, at the version
// read); a user who has not chosen for a kind gets them; a kind never set takes the product's default.
import { eq, sql } from 'drizzle-orm';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type TNotificationChannel,
  type TNotificationDefaults,
  type TNotificationKind,
  type TPutNotificationDefaultsRequest,
} from '../../../common/notifications-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion } from '../../platform/errors.ts';
import { DEFAULT_CHANNELS } from './defaults.ts';
import { notificationDefaults } from './schema.ts';

export type OrgDefaults = Record<TNotificationKind, TNotificationChannel[]>;
type Stored = Record<string, string[]>;

const effective = (stored: Stored | undefined): OrgDefaults =>
  Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [
      kind,
      (stored?.[kind] ?? DEFAULT_CHANNELS[kind]) as TNotificationChannel[],
    ]),
  ) as OrgDefaults;

async function findRow(db: Executor) {
  const [row] = await db.select().from(notificationDefaults).where(eq(notificationDefaults.id, 1));
  return row;
}

/** The default channels of every kind in force now (one query), for senders and the users' view. */
export async function orgDefaults(db: Executor): Promise<OrgDefaults> {
  return effective((await findRow(db))?.channels);
}

function view(row: { channels: Stored; version: number } | undefined): TNotificationDefaults {
  const now = effective(row?.channels);
  return {
    version: row?.version ?? 0,
    items: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      channels: now[kind],
      productChannels: [...DEFAULT_CHANNELS[kind]],
      customised: row?.channels[kind] !== undefined,
    })),
  };
}

export async function getNotificationDefaults(ctx: Ctx): Promise<TNotificationDefaults> {
  return view(await findRow(ctx.db));
}

/** Sets the kinds named at the version read (0: never saved); a stale version is a 409. */
export async function putNotificationDefaults(
  ctx: Ctx,
  input: TPutNotificationDefaultsRequest,
): Promise<TNotificationDefaults> {
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(notificationDefaults)
      .where(eq(notificationDefaults.id, 1))
      .for('update');
    if ((current?.version ?? 0) !== input.version) throw staleVersion('Notification defaults');
    const channels: Stored = { ...(current?.channels ?? {}) };
    for (const item of input.items) {
      if (item.channels === null) delete channels[item.kind];
      else channels[item.kind] = NOTIFICATION_CHANNELS.filter((c) => item.channels?.includes(c));
    }
    const now = ctx.clock.now();
    const updatedBy = ctx.principal.userId ?? null;
    const [row] = current
      ? await tx
          .update(notificationDefaults)
          .set({ channels, updatedBy, version: sql`${notificationDefaults.version} + 1`, updatedAt: now })
          .where(eq(notificationDefaults.id, 1))
          .returning()
      : await tx
          .insert(notificationDefaults)
          .values({ id: 1, channels, updatedBy, updatedAt: now })
          .onConflictDoNothing()
          .returning();
    if (!row) throw staleVersion('Notification defaults');
    await writeAudit(tx, ctx, {
      action: 'notification-defaults.update',
      entityType: 'notification_defaults',
      entityId: null,
      before: effective(current?.channels),
      after: effective(channels),
    });
    return view(row);
  });
}
