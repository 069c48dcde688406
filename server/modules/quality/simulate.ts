// A generated failure history for measuring the early warning (issue 19): an installed base across
// customers, projects and product models; background failures of each fault class as a Poisson process
// per unit; and injected recurring problems (a model, a project or a customer with extra failures of one
// class in the last months, up to today); and optionally part batches whose fitted units are replaced
// again at a background rate, with injected bad batches replaced more often; the batches come from several
// suppliers per part, and an injected bad supplier has extra replacements spread thinly over its batches.
// Seeded, so a run is repeatable. Used by the benchmark (`npm run bench analysis.`, in memory) and by the
// integration tests (written to the database).
import { ALERT_GROUP_KINDS, type TAlertGroupKind, type TQualityAlert } from '../../../common/quality-api.ts';
import {
  type Detection,
  type DetectorInput,
  type DetectorSettings,
  detect,
  type GroupSeries,
  monthIndex,
  poissonUpperTail,
  watchLevelOf,
} from './rules.ts';

export interface HistoryShape {
  seed: number;
  customers: number;
  projectsPerCustomer: number;
  models: number;
  faultClasses: number;
  unitsPerProject: [number, number];
  /** Background failures per installed unit, month and fault class. */
  baseRate: number;
  /** Complete months of history before the current one. */
  months: number;
  /** The current month and the day it has reached. */
  today: { year: number; month: number; day: number; daysInMonth: number };
  injected: number;
  /** Extra failures per month of an injected problem, drawn uniformly from this range. */
  extraPerMonth: [number, number];
  /** Months an injected problem has lasted, the current one included. */
  duration: [number, number];
  /** Part batches (the part × batch group); none when absent. */
  batches?: BatchShape;
}

/** A history with no equipment and no fault failures: only part batches (the part groups alone). */
export const NO_FAULT_HISTORY = {
  customers: 0,
  projectsPerCustomer: 0,
  models: 1,
  faultClasses: 0,
  unitsPerProject: [0, 0],
  baseRate: 0,
  injected: 0,
  extraPerMonth: [0, 0],
  duration: [1, 1],
} satisfies Partial<HistoryShape>;

export interface BatchShape {
  parts: number;
  batchesPerPart: number;
  /** Units of a batch fitted to equipment (before the history starts). */
  unitsPerBatch: [number, number];
  /** Background replacements per fitted unit and month. */
  replaceRate: number;
  injected: number;
  extraPerMonth: [number, number];
  duration: [number, number];
  /** Suppliers of each part (the supplier × part group); the batches have none when absent. */
  suppliers?: SupplierShape;
}

export interface SupplierShape {
  /** Suppliers of each part; a part's batches are assigned to them in turn (S1, S2, … S1, …). */
  perPart: number;
  /** Bad suppliers: extra replacements a month, each on a unit of one of its batches drawn at random. */
  injected: number;
  extraPerMonth: [number, number];
  duration: [number, number];
}

export interface SimBatch {
  id: string;
  part: string;
  /** `<part>/<supplier>` (the supplier × part group's id), or null without suppliers. */
  supplier: string | null;
  units: number;
}
/** A fitted unit of a batch replaced again. */
export interface SimReplacement {
  batch: SimBatch;
  month: number;
  day: number;
  injected: number;
}

export interface SimAsset {
  id: string;
  customer: string;
  project: string;
  model: string;
}
export interface SimFailure {
  asset: SimAsset;
  faultClass: string;
  month: number;
  /** Day of the month (1-based). */
  day: number;
  /** Index of the injected problem it belongs to, or -1 for the background. */
  injected: number;
}
export interface Injection {
  kind: TAlertGroupKind;
  id: string;
  faultClass: string;
}
export interface History {
  assets: SimAsset[];
  failures: SimFailure[];
  batches: SimBatch[];
  replacements: SimReplacement[];
  injections: Injection[];
  current: number;
}

/** mulberry32: a small seeded generator. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rnd: () => number, lambda: number): number {
  // Knuth's method; λ stays small here (a group's failures in a month).
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}

export function generateHistory(shape: HistoryShape): History {
  const rnd = random(shape.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const int = ([lo, hi]: [number, number]) => lo + Math.floor(rnd() * (hi - lo + 1));
  const models = Array.from({ length: shape.models }, (_, i) => `M${i + 1}`);
  const classes = Array.from({ length: shape.faultClasses }, (_, i) => `F${i + 1}`);
  const assets: SimAsset[] = [];
  for (let c = 1; c <= shape.customers; c++)
    for (let p = 1; p <= shape.projectsPerCustomer; p++) {
      const n = int(shape.unitsPerProject);
      // A project installs two or three models.
      const mine = [pick(models), pick(models), pick(models)];
      for (let u = 0; u < n; u++)
        assets.push({
          id: `A${assets.length + 1}`,
          customer: `C${c}`,
          project: `C${c}P${p}`,
          model: pick(mine),
        });
    }
  const current = monthIndex(shape.today.year, shape.today.month);
  const first = current - shape.months;
  const failures: SimFailure[] = [];
  const daysOf = (m: number) => (m === current ? shape.today.day : 28);
  // Background: per month and fault class, Poisson(units × rate × exposure) failures on random units.
  for (let m = first; m <= current; m++) {
    const exposure = m === current ? shape.today.day / shape.today.daysInMonth : 1;
    for (const f of classes) {
      const n = poisson(rnd, assets.length * shape.baseRate * exposure);
      for (let i = 0; i < n; i++)
        failures.push({
          asset: pick(assets),
          faultClass: f,
          month: m,
          day: 1 + Math.floor(rnd() * daysOf(m)),
          injected: -1,
        });
    }
  }
  // Injected recurring problems: distinct groups, each with extra failures on its own units.
  const injections: Injection[] = [];
  const kinds: TAlertGroupKind[] = ['model_fault', 'project_fault', 'customer_fault'];
  const keyOf = (a: SimAsset, kind: TAlertGroupKind) =>
    kind === 'model_fault' ? a.model : kind === 'project_fault' ? a.project : a.customer;
  const taken = new Set<string>();
  for (let tries = 0; injections.length < shape.injected && tries < 10_000; tries++) {
    const kind = kinds[injections.length % kinds.length]!;
    const id = keyOf(pick(assets), kind);
    const faultClass = pick(classes);
    // One problem per unit and fault class: a project's problem is not also its customer's or model's.
    const members = assets.filter((a) => keyOf(a, kind) === id);
    if (members.some((a) => taken.has(`${a.id}:${faultClass}`))) continue;
    for (const a of members) taken.add(`${a.id}:${faultClass}`);
    const index = injections.length;
    injections.push({ kind, id, faultClass });
    const lasting = int(shape.duration);
    const extra = shape.extraPerMonth[0] + rnd() * (shape.extraPerMonth[1] - shape.extraPerMonth[0]);
    for (let m = current - lasting + 1; m <= current; m++) {
      const exposure = m === current ? shape.today.day / shape.today.daysInMonth : 1;
      const n = poisson(rnd, extra * exposure);
      for (let i = 0; i < n; i++)
        failures.push({
          asset: pick(members),
          faultClass,
          month: m,
          day: 1 + Math.floor(rnd() * daysOf(m)),
          injected: index,
        });
    }
  }
  const { batches, replacements } = shape.batches
    ? generateBatches(shape, shape.batches, rnd, injections, current)
    : { batches: [], replacements: [] };
  return { assets, failures, batches, replacements, injections, current };
}

/** Part batches and their replacements: the background per fitted unit, plus injected bad batches. */
function generateBatches(
  shape: HistoryShape,
  b: BatchShape,
  rnd: () => number,
  injections: Injection[],
  current: number,
) {
  const int = ([lo, hi]: [number, number]) => lo + Math.floor(rnd() * (hi - lo + 1));
  const batches: SimBatch[] = [];
  const perPart = b.suppliers?.perPart ?? 0;
  for (let p = 1; p <= b.parts; p++)
    for (let k = 1; k <= b.batchesPerPart; k++)
      batches.push({
        id: `P${p}B${k}`,
        part: `P${p}`,
        supplier: perPart ? `P${p}/S${((k - 1) % perPart) + 1}` : null,
        units: int(b.unitsPerBatch),
      });
  const replacements: SimReplacement[] = [];
  const exposureOf = (m: number) => (m === current ? shape.today.day / shape.today.daysInMonth : 1);
  const dayOf = (m: number) => 1 + Math.floor(rnd() * (m === current ? shape.today.day : 28));
  for (let m = current - shape.months; m <= current; m++)
    for (const batch of batches) {
      const n = poisson(rnd, batch.units * b.replaceRate * exposureOf(m));
      for (let i = 0; i < n; i++) replacements.push({ batch, month: m, day: dayOf(m), injected: -1 });
    }
  const bad = new Set<string>();
  for (let tries = 0; bad.size < Math.min(b.injected, batches.length) && tries < 10_000; tries++) {
    const batch = batches[Math.floor(rnd() * batches.length)]!;
    if (bad.has(batch.id)) continue;
    bad.add(batch.id);
    const index = injections.length;
    injections.push({ kind: 'batch_part', id: batch.id, faultClass: batch.part });
    const lasting = int(b.duration);
    const extra = b.extraPerMonth[0] + rnd() * (b.extraPerMonth[1] - b.extraPerMonth[0]);
    for (let m = current - lasting + 1; m <= current; m++) {
      const n = poisson(rnd, extra * exposureOf(m));
      for (let i = 0; i < n; i++) replacements.push({ batch, month: m, day: dayOf(m), injected: index });
    }
  }
  // Bad suppliers (after the bad batches, so the batches' draws stay as they were without suppliers).
  const s = b.suppliers;
  const suppliers = [...new Set(batches.flatMap((x) => (x.supplier ? [x.supplier] : [])))];
  const badSuppliers = new Set<string>();
  for (
    let tries = 0;
    s && badSuppliers.size < Math.min(s.injected, suppliers.length) && tries < 10_000;
    tries++
  ) {
    const supplier = suppliers[Math.floor(rnd() * suppliers.length)]!;
    if (badSuppliers.has(supplier)) continue;
    badSuppliers.add(supplier);
    const own = batches.filter((x) => x.supplier === supplier);
    const index = injections.length;
    injections.push({ kind: 'supplier_part', id: supplier, faultClass: own[0]!.part });
    const lasting = int(s.duration);
    const extra = s.extraPerMonth[0] + rnd() * (s.extraPerMonth[1] - s.extraPerMonth[0]);
    for (let m = current - lasting + 1; m <= current; m++) {
      const n = poisson(rnd, extra * exposureOf(m));
      for (let i = 0; i < n; i++) {
        const batch = own[Math.floor(rnd() * own.length)]!;
        replacements.push({ batch, month: m, day: dayOf(m), injected: index });
      }
    }
  }
  return { batches, replacements };
}

/** The detector's input from a history (what the read models give from the database). */
export function inputOf(history: History, shape: HistoryShape, settings: DetectorSettings): DetectorInput {
  const units = new Map<string, number>();
  for (const a of history.assets)
    for (const key of [
      `model_fault:${a.model}`,
      `project_fault:${a.project}`,
      `customer_fault:${a.customer}`,
    ])
      units.set(key, (units.get(key) ?? 0) + 1);
  const groups = new Map<string, GroupSeries>();
  const base = new Map<string, Map<number, number>>();
  const add = (months: Map<number, number>, m: number) => months.set(m, (months.get(m) ?? 0) + 1);
  for (const f of history.failures) {
    if (!base.has(f.faultClass)) base.set(f.faultClass, new Map());
    add(base.get(f.faultClass)!, f.month);
    for (const [kind, id] of [
      ['model_fault', f.asset.model],
      ['project_fault', f.asset.project],
      ['customer_fault', f.asset.customer],
    ] as const) {
      const key = `${kind}:${id}:${f.faultClass}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          kind,
          id,
          faultCategory: f.faultClass,
          units: units.get(`${kind}:${id}`) ?? 0,
          months: new Map(),
        };
        groups.set(key, g);
      }
      add(g.months, f.month);
    }
  }
  return {
    groups: [...groups.values()],
    base,
    totalUnits: history.assets.length,
    today: shape.today,
    settings,
  };
}

/** A part group of a batch: the batch itself, or its supplier (none when the batch has no supplier). */
const PART_GROUPS = {
  batch_part: (b: SimBatch) => b.id,
  supplier_part: (b: SimBatch) => b.supplier,
} as const;

/**
 * A part grouping's input (batch × part or supplier × part): a group's replacements per month, its part as
 * the fault class, the part's units over the batches in some group (as batch-detector.ts reads them).
 */
export function partInputOf(
  history: History,
  shape: HistoryShape,
  settings: DetectorSettings,
  kind: keyof typeof PART_GROUPS = 'batch_part',
): DetectorInput {
  const groupOf = PART_GROUPS[kind];
  const unitsOfBase = new Map<string, number>();
  const groups = new Map<string, GroupSeries>();
  const base = new Map<string, Map<number, number>>();
  for (const b of history.batches) {
    const id = groupOf(b);
    if (!id) continue;
    unitsOfBase.set(b.part, (unitsOfBase.get(b.part) ?? 0) + b.units);
    const g = groups.get(id) ?? { kind, id, faultCategory: b.part, units: 0, months: new Map() };
    g.units += b.units;
    groups.set(id, g);
  }
  for (const r of history.replacements) {
    const g = groups.get(groupOf(r.batch) ?? '');
    if (!g) continue;
    g.months.set(r.month, (g.months.get(r.month) ?? 0) + 1);
    if (!base.has(r.batch.part)) base.set(r.batch.part, new Map());
    const m = base.get(r.batch.part)!;
    m.set(r.month, (m.get(r.month) ?? 0) + 1);
  }
  return {
    groups: [...groups.values()].filter((g) => g.months.size > 0),
    base,
    totalUnits: 0,
    unitsOfBase,
    today: shape.today,
    settings,
  };
}

/** Every group's detections on a history: the fault groups, then the batches, then the suppliers. */
export function detectAll(history: History, shape: HistoryShape, settings: DetectorSettings): Detection[] {
  return [
    ...detect(inputOf(history, shape, settings)),
    ...detect(partInputOf(history, shape, settings, 'batch_part')),
    ...detect(partInputOf(history, shape, settings, 'supplier_part')),
  ];
}

/** One group kind's share of a score: its alerts, and its injected problems found by its own alerts. */
export interface KindScore {
  alerts: number;
  falseAlerts: number;
  found: number;
  injected: number;
}

export interface Score extends KindScore {
  trueAlerts: number;
  /** Share of injected problems some true alert covers. */
  recall: number;
  /** Share of alerts that are about an injected problem. */
  precision: number;
  falseAlarmRate: number;
  byKind: Record<TAlertGroupKind, KindScore>;
}

const groupKeyOf = (a: SimAsset, kind: TAlertGroupKind) =>
  kind === 'model_fault' ? a.model : kind === 'project_fault' ? a.project : a.customer;

/** The simulated failures behind a detection's group and period. */
function failuresOf(history: History, d: Detection): { injected: number }[] {
  const inPeriod = (f: { month: number }) => f.month >= d.fromMonth && f.month <= d.toMonth;
  if (d.kind === 'batch_part' || d.kind === 'supplier_part') {
    const groupOf = PART_GROUPS[d.kind];
    return history.replacements.filter((r) => groupOf(r.batch) === d.id && inPeriod(r));
  }
  return history.failures.filter(
    (f) => f.faultClass === d.faultCategory && inPeriod(f) && groupKeyOf(f.asset, d.kind) === d.id,
  );
}

/** The injected problems a detection found, or null when the background alone would have raised it. */
function foundBy(history: History, d: Detection, settings: DetectorSettings): number[] | null {
  const inGroup = failuresOf(history, d);
  const injected = inGroup.filter((f) => f.injected >= 0);
  const background = inGroup.length - injected.length;
  const bar = d.reason === 'spike' ? settings.level : watchLevelOf(settings.level);
  const backgroundAlone = background >= settings.minCount && poissonUpperTail(background, d.expected) < bar;
  if (!injected.length || backgroundAlone) return null;
  const perInjection = new Map<number, number>();
  for (const f of injected) perInjection.set(f.injected, (perInjection.get(f.injected) ?? 0) + 1);
  return [...perInjection].flatMap(([i, n]) => (n >= settings.minCount ? [i] : []));
}

/**
 * An alert is true when the injected problems caused it: without their failures, the group's
 * background failures in the period would not have raised it (fewer than minCount, or not improbable
 * at the level — the watch level for a "repeated" alert — against the same expectation). An injected
 * problem is found when a true alert's period holds at least minCount of its failures. Per group kind,
 * the kind's injected problems found by the kind's own alerts (a bad supplier found by a batch alert
 * counts overall, not for the supplier group).
 */
export function score(history: History, detections: Detection[], settings: DetectorSettings): Score {
  const byKind = Object.fromEntries(
    ALERT_GROUP_KINDS.map((k) => [k, { alerts: 0, falseAlerts: 0, found: 0, injected: 0 }]),
  ) as Record<TAlertGroupKind, KindScore>;
  for (const i of history.injections) byKind[i.kind].injected++;
  const foundSet = new Set<number>();
  const foundByKind = new Set<number>();
  let trueAlerts = 0;
  for (const d of detections) {
    byKind[d.kind].alerts++;
    const found = foundBy(history, d, settings);
    if (!found) {
      byKind[d.kind].falseAlerts++;
      continue;
    }
    trueAlerts++;
    for (const i of found) {
      foundSet.add(i);
      if (history.injections[i]!.kind === d.kind) foundByKind.add(i);
    }
  }
  for (const i of foundByKind) byKind[history.injections[i]!.kind].found++;
  const alerts = detections.length;
  return {
    alerts,
    trueAlerts,
    falseAlerts: alerts - trueAlerts,
    found: foundSet.size,
    injected: history.injections.length,
    recall: history.injections.length ? foundSet.size / history.injections.length : 1,
    precision: alerts ? trueAlerts / alerts : 1,
    falseAlarmRate: alerts ? (alerts - trueAlerts) / alerts : 0,
    byKind,
  };
}

/**
 * A stored alert as the detection the simulator scores (tests that write a history to the database):
 * `id` and `faultCategory` in the simulator's names, the period from its start to today's month.
 */
export function detectionOfAlert(
  a: TQualityAlert,
  names: { id: string; faultCategory: string },
  today: HistoryShape['today'],
): Detection {
  const [y, m] = a.periodStart.split('-').map(Number) as [number, number];
  return {
    kind: a.groupKind,
    ...names,
    level: a.level,
    reason: a.reason,
    fromMonth: monthIndex(y, m),
    toMonth: monthIndex(today.year, today.month),
    count: a.count,
    expected: a.expected,
    pValue: a.pValue,
    units: a.units,
  };
}

/** Generate, detect, score: one point of the threshold curve. */
export function measure(shape: HistoryShape, settings: DetectorSettings) {
  const history = generateHistory(shape);
  return score(history, detectAll(history, shape, settings), settings);
}
