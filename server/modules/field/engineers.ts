// Field engineers as the dispatcher sees them, and who should take a piece of work: ranked by skill
// (the equipment's product categories), nearness (same region; distance when both positions are
// known), current load, availability (working day, not on leave), and whether his van holds parts
// that fit the equipment. Every score comes with its reasons; the dispatcher can always choose another.

import { TZDate } from '@date-fns/tz';
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TEngineer,
  TEngineerProfile,
  TEngineerSuggestion,
  TSaveProfileRequest,
} from '../../../common/field-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { listActiveStaff } from '../accounts/index.ts';
import { locationsWithFittingParts, vansOfKeepers } from '../parts/index.ts';
import { customerFacts, equipmentProducts, projectFacts } from '../registry/index.ts';
import { onSiteTargets } from '../sla/index.ts';
import * as repo from './repository.ts';

const DEFAULT_PROFILE: TEngineerProfile = {
  skills: [],
  homeRegion: null,
  latitude: null,
  longitude: null,
  workDays: [1, 2, 3, 4, 5],
  workStart: 510,
  workEnd: 1050,
  leave: [],
  version: 0,
};

function profileView(p: repo.EngineerProfileRow): TEngineerProfile {
  return {
    skills: p.skills,
    homeRegion: p.homeRegion,
    latitude: p.latitude,
    longitude: p.longitude,
    workDays: p.workDays,
    workStart: p.workStart,
    workEnd: p.workEnd,
    leave: p.leave,
    version: p.version,
  };
}

const byName = (a: { displayName: string }, b: { displayName: string }) =>
  a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0;

export async function listEngineers(ctx: Ctx): Promise<TEngineer[]> {
  const staff = (await listActiveStaff(ctx.db, 'field_engineer')).sort(byName);
  const ids = staff.map((s) => s.id);
  const [profiles, open, vans] = await Promise.all([
    repo.profilesOf(ctx.db, ids),
    repo.openCounts(ctx.db, ids),
    vansOfKeepers(ctx.db, ids),
  ]);
  return staff.map((s) => {
    const profile = profiles.get(s.id);
    return {
      id: s.id,
      displayName: s.displayName,
      openWorkOrders: open.get(s.id) ?? 0,
      vanId: vans.get(s.id) ?? null,
      profile: profile ? profileView(profile) : DEFAULT_PROFILE,
    };
  });
}

export async function saveProfile(ctx: Ctx, userId: string, input: TSaveProfileRequest) {
  if (input.workEnd <= input.workStart) throw invalidField('workEnd', 'must be after the start');
  input.leave.forEach((l, i) => {
    if (l.to < l.from) throw invalidField(`leave.${i}.to`, 'before the start of the leave');
  });
  const engineer = (await listEngineers(ctx)).find((e) => e.id === userId);
  if (!engineer) throw notFound('Field engineer');
  const { version, ...values } = input;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.upsertProfile(tx, userId, version, values, ctx.clock.now());
    if (!row) throw staleVersion('Engineer profile');
    await writeAudit(tx, ctx, {
      action: 'engineer.profile',
      entityType: 'user',
      entityId: userId,
      after: row,
    });
    return profileView(row);
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
export async function suggestions(ctx: Ctx, workOrderId: string): Promise<TEngineerSuggestion[]> {
  const w = await repo.findWorkOrder(ctx.db, workOrderId);
  if (!w) throw notFound('Work order');
  const [customers, projects, equipment, targets, all] = await Promise.all([
    customerFacts(ctx.db, [w.customerId]),
    projectFacts(ctx.db, w.projectId ? [w.projectId] : []),
    equipmentProducts(ctx.db, w.assetIds),
    onSiteTargets(ctx.db, w.ticketId ? [w.ticketId] : []),
    listEngineers(ctx),
  ]);
  const customer = customers.get(w.customerId);
  const project = w.projectId ? projects.get(w.projectId) : undefined;
  const site = customer
    ? {
        region: project?.region ?? customer.region,
        latitude: project?.latitude ?? null,
        longitude: project?.longitude ?? null,
        categories: equipment.categories,
      }
    : undefined;
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const target = w.ticketId ? targets.get(w.ticketId) : undefined;
  const due = target?.state === 'running' ? target.dueAt : null;
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  // The vans that hold good parts fitting the equipment: one query for every engineer.
  const vansWithParts = await locationsWithFittingParts(
    ctx.db,
    all.flatMap((e) => (e.vanId ? [e.vanId] : [])),
    customer ? equipment.productIds : [],
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
      const start = nextWorkStart(p, ctx.clock.now(), ctx.timeZone);
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
  timeZone: string,
): Date | null {
  for (let i = 0; i < 14; i++) {
    const day = addDays(toLocalDate(now, timeZone), i);
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
        timeZone,
      );
    const start = at(p.workStart);
    const end = at(p.workEnd);
    if (now < end) return new Date(Math.max(start.getTime(), now.getTime()));
  }
  return null;
}
