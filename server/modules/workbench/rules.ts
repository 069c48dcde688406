// Pure rules of the workbenches: which sections a role works with, and the organisation's day.
import { TZDate } from '@date-fns/tz';
import type { TPermission } from '../../../common/roles.ts';

export type Section = 'desk' | 'team' | 'jobs' | 'manager' | 'stock' | 'sessions' | 'portal';

const ROLE_SECTIONS: Record<string, Section[]> = {
  admin: ['manager'],
  manager: ['manager'],
  agent: ['desk'],
  support_engineer: ['desk'],
  quality_engineer: ['desk'],
  field_engineer: ['jobs'],
  trainer: ['team', 'sessions'],
  storekeeper: ['stock'],
  customer_admin: ['portal'],
  customer_user: ['portal'],
};

// What a section reads; without it the section is left out whatever the role.
const SECTION_PERMISSION: Record<Section, TPermission> = {
  desk: 'tickets.manage',
  team: 'tickets.read',
  jobs: 'workorders.work',
  manager: 'workorders.dispatch',
  stock: 'stock.read_all',
  sessions: 'training.manage',
  portal: 'tickets.read',
};

export function sectionsOf(roles: readonly string[], permissions: ReadonlySet<string>): Set<Section> {
  const sections = new Set<Section>();
  for (const role of roles)
    for (const s of ROLE_SECTIONS[role] ?? []) if (permissions.has(SECTION_PERMISSION[s])) sections.add(s);
  return sections;
}

/** Monday 00:00 of this week and of the next in the organisation's zone (a trainer's week). */
export function weekBounds(now: Date, timeZone: string) {
  const local = new TZDate(now.getTime(), timeZone);
  const monday = local.getDate() - ((local.getDay() + 6) % 7);
  const midnight = (date: number) =>
    new Date(new TZDate(local.getFullYear(), local.getMonth(), date, 0, 0, 0, timeZone).getTime());
  return { from: midnight(monday), to: midnight(monday + 7) };
}

/** Midnight today, tomorrow and the day after in the organisation's zone. */
export function dayBounds(now: Date, timeZone: string) {
  const local = new TZDate(now.getTime(), timeZone);
  const midnight = (days: number) =>
    new Date(
      new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, 0, 0, 0, timeZone).getTime(),
    );
  return { today: midnight(0), tomorrow: midnight(1), dayAfter: midnight(2) };
}

export type FigureSet = 'parts' | 'quality' | 'training';
// The role dashboards whose key figures a role's home shows (issue 19), and the permission each needs.
const ROLE_FIGURES: Record<string, [FigureSet, TPermission][]> = {
  storekeeper: [['parts', 'parts.manage']],
  quality_engineer: [['quality', 'quality.read']],
  trainer: [['training', 'training.manage']],
};

export function figuresOf(roles: readonly string[], permissions: ReadonlySet<string>): Set<FigureSet> {
  const out = new Set<FigureSet>();
  for (const role of roles)
    for (const [set, permission] of ROLE_FIGURES[role] ?? []) if (permissions.has(permission)) out.add(set);
  return out;
}

/** The first local day of this month and today, in the organisation's zone. */
export function monthSoFar(now: Date, timeZone: string) {
  const local = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = `${local.getFullYear()}-${pad(local.getMonth() + 1)}`;
  return { from: `${month}-01`, to: `${month}-${pad(local.getDate())}` };
}
