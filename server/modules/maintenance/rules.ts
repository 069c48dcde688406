// Pure rules of planned maintenance: which interval a template runs at, and which templates apply to
// which equipment (by product category and size class).
import type { TMaintenanceCycle, TMaintenanceSettings } from '../../../common/maintenance-api.ts';

export type SizeClass = 'small' | 'medium' | 'large';
type Intervals = Pick<
  TMaintenanceSettings,
  | 'smallMonths'
  | 'mediumMonths'
  | 'largeMonths'
  | 'patrolMonths'
  | 'electricalCleaningMonths'
  | 'overhaulMonths'
>;

export interface TemplateScope {
  cycle: TMaintenanceCycle;
  category: string | null;
  sizeClass: SizeClass | null;
  intervalMonths: number | null;
}

/**
 * The months between visits of a template: its own interval, else the setting for its cycle; a routine
 * template follows the size class (its own, else the asset's). Null when that is not yet known.
 */
export function intervalOf(t: TemplateScope, settings: Intervals, assetSize: SizeClass | null = null) {
  if (t.intervalMonths !== null) return t.intervalMonths;
  switch (t.cycle) {
    case 'patrol':
      return settings.patrolMonths;
    case 'electrical_cleaning':
      return settings.electricalCleaningMonths;
    case 'overhaul':
      return settings.overhaulMonths;
    case 'custom':
      return null;
    case 'routine': {
      const size = t.sizeClass ?? assetSize;
      if (size === 'small') return settings.smallMonths;
      if (size === 'medium') return settings.mediumMonths;
      if (size === 'large') return settings.largeMonths;
      return null;
    }
  }
}

/** A template applies to equipment of its category (or any) and its size class (or any). */
export function templateApplies(
  t: TemplateScope,
  asset: { category: string; sizeClass: SizeClass },
): boolean {
  return (
    (t.category === null || t.category.toLowerCase() === asset.category.toLowerCase()) &&
    (t.sizeClass === null || t.sizeClass === asset.sizeClass)
  );
}

/** Do two date ranges (ISO dates, an open end as null) share a day? */
export function rangesOverlap(
  a: { startsOn: string; endsOn: string | null },
  b: { startsOn: string; endsOn: string | null },
): boolean {
  return (a.endsOn === null || b.startsOn <= a.endsOn) && (b.endsOn === null || a.startsOn <= b.endsOn);
}
