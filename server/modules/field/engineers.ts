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
  TSuggestionReason,
  TSuggestionReasonItem,
} from '../../../common/field-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { listActiveStaff } from '../accounts/index.ts';
import { locationsWithFittingParts, vansOfKeepers } from '../parts/index.ts';
import { customerFacts, equipmentProducts, projectFacts } from '../registry/index.ts';
import { onSiteTargets } from '../sla/index.ts';
import { dueWindowsOf, windowClosesAt } from './due-window-port.ts';
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
  const [customers, projects, equipment, targets, all, windows] = await Promise.all([
    customerFacts(ctx.db, [w.customerId]),
    projectFacts(ctx.db, w.projectId ? [w.projectId] : []),
    equipmentProducts(ctx.db, w.assetIds),
    onSiteTargets(ctx.db, w.ticketId ? [w.ticketId] : []),
    listEngineers(ctx),
    dueWindowsOf(ctx.db, [w], ctx.timeZone),
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
  const clockNow = ctx.clock.now();
  // A planned visit (maintenance, inspection) is judged on its own day: leave, day off and the jobs
  // already there are those of the day it is scheduled for, not of today.
  const planned = !w.ticketId && w.scheduledAt !== null && w.scheduledAt > clockNow;
  const now = planned ? w.scheduledAt! : clockNow;
  const today = toLocalDate(now, ctx.timeZone);
  const target = w.ticketId ? targets.get(w.ticketId) : undefined;
  // A planned visit's deadline is the close of its due window, as a repair's is the on-site deadline.
  const window = windows.get(w.id);
  const due =
    (target?.state === 'running' ? target.dueAt : null) ??
    (window ? windowClosesAt(window, ctx.timeZone) : null);
  const ids = all.map((e) => e.id);
  // The vans that hold good parts fitting the equipment, and the jobs of the day: one query each.
  const [vansWithParts, jobsToday] = await Promise.all([
    locationsWithFittingParts(
      ctx.db,
      all.flatMap((e) => (e.vanId ? [e.vanId] : [])),
      customer ? equipment.productIds : [],
    ),
    repo.scheduledCounts(
      ctx.db,
      ids,
      localMidnight(today, ctx.timeZone),
      localMidnight(addDays(today, 1), ctx.timeZone),
    ),
  ]);
  const out = all.map((e) =>
    rankEngineer({
      engineer: e,
      site,
      today,
      now,
      due,
      timeZone: ctx.timeZone,
      jobsToday: jobsToday.get(e.id) ?? 0,
      vanHasParts: !!e.vanId && vansWithParts.has(e.vanId),
    }),
  );
  return out.sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName));
}

const localMidnight = (day: string, timeZone: string) =>
  new TZDate(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
    0,
    0,
    0,
    timeZone,
  );

/** The weights of the fit (they add up to 100): what each part of the score can give at most. */
export const FIT = { skill: 40, nearness: 30, availability: 15, parts: 15 } as const;

/**
 * How well one engineer fits the work, 0–100: skill (40: the equipment's product categories among
 * his skills), nearness (30: by distance when both positions are known, 25 for the same region),
 * availability (15: he can be there before the on-site deadline, or works today when there is none),
 * parts in his van (15), less 5 per job already scheduled today (at most 20). On leave: 0.
 */
export function rankEngineer(input: {
  engineer: TEngineer;
  site:
    | { region: string | null; latitude: number | null; longitude: number | null; categories: string[] }
    | undefined;
  today: string;
  now: Date;
  due: Date | null;
  timeZone: string;
  jobsToday: number;
  vanHasParts: boolean;
}): TEngineerSuggestion {
  const { engineer: e, site, today, now, due } = input;
  const reasons: TSuggestionReasonItem[] = [];
  const add = (code: TSuggestionReason, effect: TSuggestionReasonItem['effect'], params = {}) =>
    reasons.push({ code, effect, params });
  let score = 0;
  const p = e.profile;
  const skilled = site?.categories.filter((c) => p.skills.includes(c)) ?? [];
  if (skilled.length) {
    score += FIT.skill;
    add('skill', 'plus', { categories: skilled.join(',') });
  } else if (site?.categories.length) add('no_skill', 'minus', { categories: site.categories.join(',') });
  else score += FIT.skill / 2; // nothing to match: neither for nor against
  if (site?.latitude != null && site.longitude != null && p.latitude != null && p.longitude != null) {
    const d = km({ lat: site.latitude, lng: site.longitude }, { lat: p.latitude, lng: p.longitude });
    score += Math.max(0, FIT.nearness - Math.round(d / 5));
    add('distance', d <= 50 ? 'plus' : 'minus', { km: Math.round(d) });
  } else if (site?.region && p.homeRegion === site.region) {
    score += 25;
    add('region', 'plus', { region: site.region });
  }
  const onLeave = p.leave.some((l) => l.from <= today && today <= l.to);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  if (onLeave) add('on_leave', 'minus');
  else if (!p.workDays.includes(weekday)) add('day_off', 'minus');
  // Can he be there before the on-site deadline? His next working hours must start before it.
  if (due && !onLeave) {
    const start = nextWorkStart(p, now, input.timeZone);
    if (!start || start >= due) add('after_deadline', 'minus', { due: due.toISOString() });
    else {
      score += FIT.availability;
      add('before_deadline', 'plus', { due: due.toISOString(), start: start.toISOString() });
    }
  } else if (!due && !onLeave) {
    const start = nextWorkStart(p, now, input.timeZone);
    if (start) {
      if (p.workDays.includes(weekday)) score += FIT.availability;
      add('can_start', 'info', { start: start.toISOString() });
    }
  }
  if (input.vanHasParts) {
    score += FIT.parts;
    add('van_parts', 'plus');
  }
  score -= Math.min(20, 5 * input.jobsToday);
  add('jobs_today', input.jobsToday >= 3 ? 'minus' : 'info', { count: input.jobsToday });
  add('open_jobs', 'info', { count: e.openWorkOrders });
  const fit = onLeave ? 0 : Math.max(0, Math.min(100, score));
  return { engineerId: e.id, displayName: e.displayName, score: fit, reasons, available: !onLeave };
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
