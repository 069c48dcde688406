// Plan tuning as a pure rule (issue 16 ★; 根据设备运行状况和维护保养数据,调整和优化维护保养计划): for one
// template and product, compare the failures between visits (MTBF from the repair history) with what
// recent visits found, and propose a shorter or a longer interval — or nothing.
import { addMonths, daysBetween, type IsoDate } from '../../../common/calendar-dates.ts';
import type { TTuningEvidence } from '../../../common/maintenance-tuning-api.ts';

const DAYS_PER_MONTH = 30.44;
/** Failures needed before an MTBF is trusted to shorten an interval. */
export const MIN_FAILURES = 2;
/** The longest interval a proposal lengthens to. */
export const MAX_PROPOSED_MONTHS = 24;

export interface VisitFinding {
  assetId: string;
  on: IsoDate;
  /** A failed check, a measurement out of range or a hidden danger noted. */
  findings: boolean;
}

export interface TuningInput {
  intervalMonths: number;
  assetIds: readonly string[];
  /** Completed visits of the template on the product's assets. */
  visits: readonly VisitFinding[];
  /** Repairs (failures) of those assets. */
  failures: readonly { assetId: string; on: IsoDate }[];
  today: IsoDate;
  /** N: clean visits in a row (each asset) before a longer interval is proposed. */
  cleanVisitsNeeded: number;
  findingsSource: string;
}

export interface TuningProposalDraft {
  direction: 'shorter' | 'longer';
  proposedMonths: number;
  evidence: TTuningEvidence;
}

export function proposeInterval(input: TuningInput): TuningProposalDraft | null {
  const { intervalMonths, today } = input;
  const dates = [...input.visits.map((v) => v.on), ...input.failures.map((f) => f.on)].sort();
  const windowDays = dates.length ? Math.max(1, daysBetween(dates[0]!, today)) : 0;
  const failures = input.failures.length;
  const assets = input.assetIds.length;
  const mtbfDays = failures && windowDays ? (windowDays * assets) / failures : null;

  const visitsOf = new Map<string, VisitFinding[]>();
  for (const v of input.visits) visitsOf.set(v.assetId, [...(visitsOf.get(v.assetId) ?? []), v]);
  for (const list of visitsOf.values()) list.sort((a, b) => b.on.localeCompare(a.on));

  // A failure after a visit and before the next one was due: the visits come too late for it.
  let failuresBeforeNextVisit = 0;
  for (const f of input.failures) {
    const last = visitsOf.get(f.assetId)?.find((v) => v.on <= f.on);
    if (last && f.on < addMonths(last.on, intervalMonths)) failuresBeforeNextVisit++;
  }
  // Each asset's latest visits in a row that found nothing; the group counts as its weakest asset.
  const cleanInRow = input.assetIds.map((id) => {
    const list = visitsOf.get(id) ?? [];
    const firstFinding = list.findIndex((v) => v.findings);
    return firstFinding === -1 ? list.length : firstFinding;
  });
  const cleanVisitsInRow = cleanInRow.length ? Math.min(...cleanInRow) : 0;
  const latest = [...input.visits].sort((a, b) => b.on.localeCompare(a.on)).slice(0, input.cleanVisitsNeeded);
  const visitsWithFindings = input.visits.filter((v) => v.findings).length;
  const evidence = (rule: TTuningEvidence['rule']): TTuningEvidence => ({
    assets,
    windowDays,
    failures,
    mtbfDays: mtbfDays === null ? null : Math.round(mtbfDays * 10) / 10,
    failuresBeforeNextVisit,
    visits: input.visits.length,
    visitsWithFindings,
    cleanVisitsInRow,
    findingsSource: input.findingsSource,
    rule,
  });

  const intervalDays = intervalMonths * DAYS_PER_MONTH;
  if (
    intervalMonths > 1 &&
    mtbfDays !== null &&
    failuresBeforeNextVisit >= MIN_FAILURES &&
    mtbfDays < intervalDays
  )
    return {
      direction: 'shorter',
      proposedMonths: Math.max(1, Math.min(intervalMonths - 1, Math.floor(mtbfDays / DAYS_PER_MONTH))),
      evidence: evidence('failures_before_next_visit'),
    };
  // Dangers keep being found: half or more of the latest N visits found something.
  if (
    intervalMonths > 1 &&
    latest.length >= input.cleanVisitsNeeded &&
    latest.filter((v) => v.findings).length * 2 >= input.cleanVisitsNeeded
  )
    return {
      direction: 'shorter',
      proposedMonths: intervalMonths - 1,
      evidence: evidence('dangers_keep_being_found'),
    };
  // N visits in a row on every asset found nothing, and nothing failed since the first of them.
  if (assets && cleanVisitsInRow >= input.cleanVisitsNeeded && intervalMonths < MAX_PROPOSED_MONTHS) {
    const since = input.assetIds.map((id) => visitsOf.get(id)![input.cleanVisitsNeeded - 1]!.on).sort()[0]!;
    if (!input.failures.some((f) => f.on >= since))
      return {
        direction: 'longer',
        proposedMonths: Math.min(MAX_PROPOSED_MONTHS, intervalMonths * 2),
        evidence: evidence('clean_visits_no_failure'),
      };
  }
  return null;
}
