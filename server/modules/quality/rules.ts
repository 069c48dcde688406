// The early warning of recurring problems (本月、本季、本年度连续出现的问题进行层层重点预警, 篇3 二) as pure
// rules: each group's failures this month, quarter and year (to date) against what the whole installed
// base and the group's own history would explain, with a Poisson upper tail; and the problem seen in
// consecutive periods. The definitions are documented in docs/configuration.md ("Early warning").
import type { TAlertGroupKind, TAlertLevel, TAlertReason } from '../../../common/quality-api.ts';

export interface DetectorSettings {
  level: number;
  minCount: number;
  consecutivePeriods: number;
  historyMonths: number;
}

/** A month as an index: year·12 + (month − 1), in the organisation's calendar. */
export const monthIndex = (year: number, month: number) => year * 12 + month - 1;
export const monthStartOf = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;

export interface GroupSeries {
  kind: TAlertGroupKind;
  /** The product, project or customer id. */
  id: string;
  faultCategory: string;
  /** Installed units of the group (its exposure). */
  units: number;
  /** Failures per month index. */
  months: Map<number, number>;
}

export interface DetectorInput {
  groups: GroupSeries[];
  /** Failures of each fault class in the whole installed base, per month index. */
  base: Map<string, Map<number, number>>;
  totalUnits: number;
  /** Units behind a base series when not the whole installed base (a part's fitted units, by part). */
  unitsOfBase?: Map<string, number>;
  /** Today in the organisation's zone. */
  today: { year: number; month: number; day: number; daysInMonth: number };
  settings: DetectorSettings;
}

export interface Detection {
  kind: TAlertGroupKind;
  id: string;
  faultCategory: string;
  level: TAlertLevel;
  reason: TAlertReason;
  /** First month index of the period and the month index it runs to (the current one). */
  fromMonth: number;
  toMonth: number;
  count: number;
  expected: number;
  pValue: number;
  units: number;
}

const logFactorial = (() => {
  const cache = [0];
  return (n: number) => {
    for (let i = cache.length; i <= n; i++) cache[i] = cache[i - 1]! + Math.log(i);
    return cache[n]!;
  };
})();

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    let term = Math.exp(-lambda);
    let below = term;
    for (let i = 1; i < k; i++) {
      term *= lambda / i;
      below += term;
    }
    return Math.min(1, Math.max(0, 1 - below));
  }
  // Summed upward from k in log space: exact where the complement would cancel.
  let term = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
  let sum = 0;
  for (let i = k; i < k + 10_000; i++) {
    sum += term;
    term *= lambda / (i + 1);
    if (term <= sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

/** The watch level a period must pass to count as "showing the problem" for the repeated rule. */
export const watchLevelOf = (level: number) => Math.min(0.2, level * 10);

const LEVEL_SPAN: Record<TAlertLevel, number> = { month: 1, quarter: 3, year: 12 };

/** The first month of the period of `level` that holds month index `m`. */
export function periodStart(level: TAlertLevel, m: number): number {
  const span = LEVEL_SPAN[level];
  const inYear = m % 12;
  return m - (inYear % span);
}

const sumMonths = (months: Map<number, number> | undefined, from: number, toExclusive: number) => {
  let n = 0;
  if (!months) return 0;
  for (let m = from; m < toExclusive; m++) n += months.get(m) ?? 0;
  return n;
};

interface PeriodFigures {
  count: number;
  expectedBase: number;
  expectedOwn: number;
}

/**
 * A group's figures in the period [from, to] (month indices) where the last month has run `fraction`
 * of its days: the count, the base's expectation (units × the fault class's rate per installed unit and
 * month over the `historyMonths` before the period × months of exposure) and the group's own (its
 * failures per month over the same history × months of exposure).
 */
function figuresOf(
  g: GroupSeries,
  input: DetectorInput,
  from: number,
  to: number,
  fraction: number,
): PeriodFigures {
  const h = input.settings.historyMonths;
  const exposure = to - from + fraction;
  const baseHistory = sumMonths(input.base.get(g.faultCategory), from - h, from);
  const total = input.unitsOfBase?.get(g.faultCategory) ?? input.totalUnits;
  const baseRate = total > 0 ? baseHistory / (total * h) : 0;
  const ownHistory = sumMonths(g.months, from - h, from);
  return {
    count: sumMonths(g.months, from, to + 1),
    expectedBase: g.units * baseRate * exposure,
    expectedOwn: (ownHistory / h) * exposure,
  };
}

/**
 * The detection of one group: a level fires on a spike (at least minCount failures and P(X ≥ count) <
 * level under the larger of the two expectations) or when the problem shows (at least minCount and
 * P < the watch level under the base's expectation) in `consecutivePeriods` periods of that length in a
 * row, the current one included. Of the levels that fire, the alert takes the highest one the problem
 * spans — a quarter when failures of the group also fell in an earlier month of the quarter, a year when
 * also in an earlier quarter —, else the lowest that fired: a problem new this month is a month's
 * problem even though its year is improbable too, and it moves up as it lasts (层层预警).
 */
export function detectGroup(g: GroupSeries, input: DetectorInput): Detection | null {
  const { settings, today } = input;
  const current = monthIndex(today.year, today.month);
  const fraction = today.day / today.daysInMonth;
  const watch = watchLevelOf(settings.level);
  const fired: Detection[] = [];
  for (const level of ['year', 'quarter', 'month'] as const) {
    const from = periodStart(level, current);
    const f = figuresOf(g, input, from, current, fraction);
    const expected = Math.max(f.expectedBase, f.expectedOwn);
    const p = poissonUpperTail(f.count, expected);
    const detection = (reason: TAlertReason, exp: number, pValue: number): Detection => ({
      kind: g.kind,
      id: g.id,
      faultCategory: g.faultCategory,
      level,
      reason,
      fromMonth: from,
      toMonth: current,
      count: f.count,
      expected: exp,
      pValue,
      units: g.units,
    });
    if (f.count >= settings.minCount && p < settings.level) {
      fired.push(detection('spike', expected, p));
      continue;
    }
    if (showsProblem(f, settings.minCount, watch)) {
      const span = LEVEL_SPAN[level];
      let run = 1;
      for (let k = 1; k < settings.consecutivePeriods; k++) {
        const pf = figuresOf(g, input, from - k * span, from - (k - 1) * span - 1, 1);
        if (!showsProblem(pf, settings.minCount, watch)) break;
        run++;
      }
      if (run >= settings.consecutivePeriods)
        fired.push(detection('repeated', f.expectedBase, poissonUpperTail(f.count, f.expectedBase)));
    }
  }
  return fired.find((d) => spans(g, d, current)) ?? fired.at(-1) ?? null;
}

/** Whether the group's failures in the period reach back before its latest sub-period (month, quarter). */
function spans(g: GroupSeries, d: Detection, current: number): boolean {
  if (d.level === 'month' || d.reason === 'repeated') return true;
  const latest = periodStart(d.level === 'year' ? 'quarter' : 'month', current);
  return sumMonths(g.months, d.fromMonth, latest) > 0;
}

function showsProblem(f: PeriodFigures, minCount: number, watch: number) {
  return f.count >= minCount && poissonUpperTail(f.count, f.expectedBase) < watch;
}

export function detect(input: DetectorInput): Detection[] {
  const out: Detection[] = [];
  for (const g of input.groups) {
    const d = detectGroup(g, input);
    if (d) out.push(d);
  }
  return out;
}

const LEVEL_RANK: Record<TAlertLevel, number> = { month: 0, quarter: 1, year: 2 };
/** An open alert moves up (month → quarter → year), never down. */
export const isEscalation = (from: TAlertLevel, to: TAlertLevel) => LEVEL_RANK[to] > LEVEL_RANK[from];

/**
 * After its case closed, the same group comes back as the same problem only when at least minCount
 * new failures happened after the closing (the ones the case dealt with do not count again).
 */
export const recursAfterClosing = (failuresSinceClosing: number, minCount: number) =>
  failuresSinceClosing >= minCount;
