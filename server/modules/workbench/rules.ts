// Pure rules of the workbenches: which sections a role works with, and the organisation's day.
import { TZDate } from '@date-fns/tz';
import type { TPermission } from '../../../common/roles.ts';

export type Section = 'desk' | 'team' | 'jobs' | 'manager' | 'stock' | 'portal';

const ROLE_SECTIONS: Record<string, Section[]> = {
  admin: ['manager'],
  manager: ['manager'],
  agent: ['desk'],
  support_engineer: ['desk'],
  quality_engineer: ['desk'],
  field_engineer: ['jobs'],
  trainer: ['team'],
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
  portal: 'tickets.read',
};

export function sectionsOf(roles: readonly string[], permissions: ReadonlySet<string>): Set<Section> {
  const sections = new Set<Section>();
  for (const role of roles)
    for (const s of ROLE_SECTIONS[role] ?? []) if (permissions.has(SECTION_PERMISSION[s])) sections.add(s);
  return sections;
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
