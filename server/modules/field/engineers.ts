// Field engineers as the dispatcher sees them, and who should take a piece of work: ranked by skill
// (the equipment's product categories), nearness (same region; distance when both positions are
// known), current load, availability (working day, not on leave), and whether his van holds parts
// that fit the equipment. Every score comes with its reasons; the dispatcher can always choose another.

import { TZDate } from '@date-fns/tz';
import { eq, sql } from 'drizzle-orm';
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import { uuidArray } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound, staleVersion } from '../../platform/errors.ts';
// biome-ignore lint/style/noRestrictedImports: being moved behind the owner's index.ts (issue 10)
import { users } from '../accounts/schema.ts';
import { engineerProfiles, workOrders } from './schema.ts';

export interface ProfileInput {
  skills: string[];
  homeRegion: string | null;
  latitude: number | null;
  longitude: number | null;
  workDays: number[];
  workStart: number;
  workEnd: number;
  leave: { from: string; to: string }[];
}

const DEFAULT_PROFILE = {
  skills: [] as string[],
  homeRegion: null as string | null,
  latitude: null as number | null,
  longitude: null as number | null,
  workDays: [1, 2, 3, 4, 5],
  workStart: 510,
  workEnd: 1050,
  leave: [] as { from: string; to: string }[],
  version: 0,
};

export async function listEngineers(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      id: users.id,
      displayName: users.displayName,
      openWorkOrders: sql<number>`(select count(*)::int from work_orders w where w.engineer_id = ${users.id}
        and w.status not in ('completed', 'cancelled'))`,
      vanId: sql<string | null>`(select id from stock_locations l where l.keeper_id = ${users.id}
        and l.kind = 'van' and l.active limit 1)`,
      profile: engineerProfiles,
    })
    .from(users)
    .leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id))
    .where(sql`${users.kind} = 'staff' and not ${users.disabled} and 'field_engineer' = any(${users.roles})`)
    .orderBy(users.displayName);
  return rows.map(({ profile, ...e }) => ({
    ...e,
    profile: profile
      ? {
          skills: profile.skills,
          homeRegion: profile.homeRegion,
          latitude: profile.latitude,
          longitude: profile.longitude,
          workDays: profile.workDays,
          workStart: profile.workStart,
          workEnd: profile.workEnd,
          leave: profile.leave as { from: string; to: string }[],
          version: profile.version,
        }
      : DEFAULT_PROFILE,
  }));
}

export async function saveProfile(ctx: Ctx, userId: string, input: ProfileInput & { version: number }) {
  if (input.workEnd <= input.workStart) throw invalidField('workEnd', 'must be after the start');
  input.leave.forEach((l, i) => {
    if (l.to < l.from) throw invalidField(`leave.${i}.to`, 'before the start of the leave');
  });
  const engineer = (await listEngineers(ctx)).find((e) => e.id === userId);
  if (!engineer) throw notFound('Field engineer');
  const { version, ...values } = input;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const rows = await tx
      .insert(engineerProfiles)
      .values({ userId, ...values, version: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: engineerProfiles.userId,
        set: { ...values, version: sql`${engineerProfiles.version} + 1`, updatedAt: now },
        setWhere: sql`${engineerProfiles.version} = ${version}`,
      })
      .returning();
    if (!rows.length) throw staleVersion('Engineer profile');
    await writeAudit(tx, ctx, {
      action: 'engineer.profile',
      entityType: 'user',
      entityId: userId,
      after: rows[0],
    });
    return rows[0]!;
  });
}

const km = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 +
    Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

/** Engineers ranked for a work order, best first, each with the reasons of its score. */
export async function suggestions(ctx: Ctx, workOrderId: string) {
  const [w] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, workOrderId));
  if (!w) throw notFound('Work order');
  const [site] = (
    await ctx.db.execute<{
      region: string | null;
      latitude: number | null;
      longitude: number | null;
      categories: string[];
      products: string[];
    }>(sql`
      select coalesce(p.region, c.region) as region, p.latitude, p.longitude,
        coalesce((select array_agg(distinct pr.category) from assets a join products pr on pr.id = a.product_id
          where a.id = any(${uuidArray(w.assetIds)})), '{}') as categories,
        coalesce((select array_agg(distinct a.product_id::text) from assets a
          where a.id = any(${uuidArray(w.assetIds)})), '{}') as products
      from customers c left join projects p on p.id = ${w.projectId} where c.id = ${w.customerId}`)
  ).rows;
  const today = toLocalDate(ctx.clock.now(), 'Asia/Shanghai');
  const [deadline] = (
    await ctx.db.execute<{ due_at: string | null }>(sql`select due_at from sla_targets
      where ticket_id = ${w.ticketId} and metric = 'on_site' and state = 'running'`)
  ).rows;
  const due = deadline?.due_at ? new Date(deadline.due_at) : null;
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const all = await listEngineers(ctx);
  // The vans that hold good parts fitting the equipment: one query for every engineer.
  const vans = all.flatMap((e) => (e.vanId ? [e.vanId] : []));
  const vansWithParts = new Set(
    vans.length && site?.products.length
      ? (
          await ctx.db.execute<{ location_id: string }>(sql`select distinct l.location_id from stock_levels l
            join parts pt on pt.id = l.part_id
            where l.location_id = any(${uuidArray(vans)}) and l.condition = 'good' and l.on_hand > l.reserved
              and pt.fits_product_ids && ${uuidArray(site.products)}`)
        ).rows.map((r) => r.location_id)
      : [],
  );
  const out = [];
  for (const e of all) {
    const reasons: string[] = [];
    let score = 0;
    const p = e.profile;
    const skilled = site?.categories.filter((c) => p.skills.includes(c)) ?? [];
    if (skilled.length) {
      score += 40;
      reasons.push(`skill:${skilled.join(',')}`);
    } else if (!site?.categories.length) score += 10;
    if (site?.latitude != null && site.longitude != null && p.latitude != null && p.longitude != null) {
      const d = km({ lat: site.latitude, lng: site.longitude }, { lat: p.latitude, lng: p.longitude });
      score += Math.max(0, 30 - Math.round(d / 5));
      reasons.push(`distance:${Math.round(d)}km`);
    } else if (site?.region && p.homeRegion === site.region) {
      score += 25;
      reasons.push(`region:${site.region}`);
    }
    score -= 5 * e.openWorkOrders;
    reasons.push(`load:${e.openWorkOrders}`);
    const onLeave = p.leave.some((l) => l.from <= today && today <= l.to);
    if (onLeave) {
      score -= 100;
      reasons.push('on_leave');
    } else if (!p.workDays.includes(weekday)) {
      score -= 20;
      reasons.push('day_off');
    }
    // Can he be there before the on-site deadline? His next working hours must start before it.
    if (due && !onLeave) {
      const start = nextWorkStart(p, ctx.clock.now());
      if (!start || start >= due) {
        score -= 30;
        reasons.push('after_deadline');
      } else reasons.push(`can_start:${start.toISOString()}`);
    }
    if (e.vanId && vansWithParts.has(e.vanId)) {
      score += 15;
      reasons.push('van_parts');
    }
    out.push({ engineerId: e.id, displayName: e.displayName, score, reasons, available: !onLeave });
  }
  return out.sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName));
}

/** The first moment from `now` on that falls in the engineer's working hours (within two weeks). */
export function nextWorkStart(
  p: { workDays: number[]; workStart: number; workEnd: number; leave: { from: string; to: string }[] },
  now: Date,
): Date | null {
  for (let i = 0; i < 14; i++) {
    const day = addDays(toLocalDate(now, 'Asia/Shanghai'), i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (!p.workDays.includes(weekday) || p.leave.some((l) => l.from <= day && day <= l.to)) continue;
    const at = (minute: number) =>
      new TZDate(
        Number(day.slice(0, 4)),
        Number(day.slice(5, 7)) - 1,
        Number(day.slice(8, 10)),
        Math.floor(minute / 60),
        minute % 60,
        0,
        'Asia/Shanghai',
      );
    const start = at(p.workStart);
    const end = at(p.workEnd);
    if (now < end) return new Date(Math.max(start.getTime(), now.getTime()));
  }
  return null;
}
