// The early warning of recurring problems (issue 19) measured on generated histories: for each of
// BENCH_HISTORIES seeds (default 10), an installed base of 40 customers × 2 projects (30–90 units
// each, about 4 800 units) across 12 product models, 5 fault classes, 48 months of background failures
// (Poisson, 0.003 per unit, month and class) and 12 injected recurring problems (a model, a project or a
// customer with 3–6 extra failures a month of one class for the last 2–4 months, up to today, the 20th);
// and the part × batch group: 6 parts × 8 batches of 40–200 fitted units, each unit replaced again at
// 0.005 a month in the background (0.2–1 a batch), with 4 injected bad batches (4–8 extra replacements a
// month for the last 2–4 months); and the supplier × part group: each part's batches from 2 suppliers in
// turn, with 2 injected bad suppliers (4–8 extra replacements a month for 2–4 months, each on a unit of
// one of the supplier's 4 batches drawn at random: spread thinly). The targets hold overall; each group
// is given too (`recall_<kind>_p<level>`: the kind's problems found by the kind's own alerts).
// The detector (server/modules/quality/rules.ts) runs at several levels; recall is the share of
// injected problems found, the false-alarm rate the share of alerts the background alone would have
// raised (simulate.ts `score`). Target from the issue at the default level: recall ≥ 0.9, false alarms ≤ 0.1.
import { ALERT_GROUP_KINDS, DEFAULT_QUALITY_SETTINGS } from '../common/quality-api.ts';
import { detect } from '../server/modules/quality/rules.ts';
import {
  generateHistory,
  type HistoryShape,
  inputOf,
  partInputOf,
  score,
} from '../server/modules/quality/simulate.ts';
import { writeResult } from './harness.ts';

const HISTORIES = Number(process.env.BENCH_HISTORIES ?? 10);
const LEVELS = [0.02, 0.01, 0.005, 0.002, 0.001, 0.0001];

export const ANALYSIS_SHAPE: Omit<HistoryShape, 'seed'> = {
  customers: 40,
  projectsPerCustomer: 2,
  models: 12,
  faultClasses: 5,
  unitsPerProject: [30, 90],
  baseRate: 0.003,
  months: 48,
  today: { year: 2026, month: 11, day: 20, daysInMonth: 30 },
  injected: 12,
  extraPerMonth: [3, 6],
  duration: [2, 4],
  batches: {
    parts: 6,
    batchesPerPart: 8,
    unitsPerBatch: [40, 200],
    replaceRate: 0.005,
    injected: 4,
    extraPerMonth: [4, 8],
    duration: [2, 4],
    suppliers: { perPart: 2, injected: 2, extraPerMonth: [4, 8], duration: [2, 4] },
  },
};

const KINDS = ALERT_GROUP_KINDS;

export async function run() {
  const figures: Record<string, number> = {};
  const units: Record<string, string> = {};
  const histories = Array.from({ length: HISTORIES }, (_, i) => {
    const shape = { ...ANALYSIS_SHAPE, seed: i + 1 };
    return { shape, history: generateHistory(shape) };
  });
  let detectMs = 0;
  let runs = 0;
  const ratio = (n: number, d: number, none: number) => Number((d ? n / d : none).toFixed(3));
  for (const level of [...new Set([DEFAULT_QUALITY_SETTINGS.level, ...LEVELS])].sort((a, b) => b - a)) {
    const settings = { ...DEFAULT_QUALITY_SETTINGS, level };
    const total = { alerts: 0, trueAlerts: 0, found: 0, injected: 0 };
    const perKind = new Map(KINDS.map((k) => [k, { alerts: 0, falseAlerts: 0, found: 0, injected: 0 }]));
    for (const { shape, history } of histories) {
      const inputs = [
        inputOf(history, shape, settings),
        partInputOf(history, shape, settings, 'batch_part'),
        partInputOf(history, shape, settings, 'supplier_part'),
      ];
      const t0 = performance.now();
      const detections = inputs.flatMap(detect);
      detectMs += performance.now() - t0;
      runs++;
      const s = score(history, detections, settings);
      total.alerts += s.alerts;
      total.trueAlerts += s.trueAlerts;
      total.found += s.found;
      total.injected += s.injected;
      for (const k of KINDS) {
        const sum = perKind.get(k)!;
        for (const f of ['alerts', 'falseAlerts', 'found', 'injected'] as const) sum[f] += s.byKind[k][f];
      }
    }
    const tag = `p${level}`;
    for (const [k, g] of perKind) {
      figures[`recall_${k}_${tag}`] = ratio(g.found, g.injected, 1);
      figures[`falseAlarmRate_${k}_${tag}`] = ratio(g.falseAlerts, g.alerts, 0);
      figures[`alerts_${k}_${tag}`] = g.alerts;
      units[`recall_${k}_${tag}`] = `share of the ${g.injected} injected ${k} problems found by ${k} alerts`;
      units[`falseAlarmRate_${k}_${tag}`] = `share of ${k} alerts the background alone raises`;
      units[`alerts_${k}_${tag}`] = `${k} alerts over ${HISTORIES} histories`;
    }
    figures[`recall_${tag}`] = ratio(total.found, total.injected, 1);
    figures[`falseAlarmRate_${tag}`] = ratio(total.alerts - total.trueAlerts, total.alerts, 0);
    figures[`precision_${tag}`] = ratio(total.trueAlerts, total.alerts, 1);
    figures[`alerts_${tag}`] = total.alerts;
    units[`recall_${tag}`] = `share of the ${total.injected} injected problems found`;
    units[`falseAlarmRate_${tag}`] = 'share of alerts the background alone raises';
    units[`precision_${tag}`] = 'share of alerts caused by an injected problem';
    units[`alerts_${tag}`] = `alerts over ${HISTORIES} histories`;
    console.log(
      `level ${level}: recall ${figures[`recall_${tag}`]}, false alarms ${figures[`falseAlarmRate_${tag}`]} (${total.alerts} alerts);`,
      KINDS.map(
        (k) =>
          `${k} ${figures[`recall_${k}_${tag}`]}/${figures[`falseAlarmRate_${k}_${tag}`]} (${figures[`alerts_${k}_${tag}`]})`,
      ).join(', '),
    );
  }
  figures.groupsPerHistory = Math.round(
    histories.reduce(
      (n, h) =>
        n +
        inputOf(h.history, h.shape, DEFAULT_QUALITY_SETTINGS).groups.length +
        partInputOf(h.history, h.shape, DEFAULT_QUALITY_SETTINGS, 'batch_part').groups.length +
        partInputOf(h.history, h.shape, DEFAULT_QUALITY_SETTINGS, 'supplier_part').groups.length,
      0,
    ) / HISTORIES,
  );
  units.groupsPerHistory = 'groups (model/project/customer × fault class, batches, suppliers) with failures';
  figures.detectMs = Number((detectMs / runs).toFixed(2));
  units.detectMs = 'ms per detector run (pure rules, in memory, all five groups)';
  const d = `p${DEFAULT_QUALITY_SETTINGS.level}`;
  await writeResult({
    name: 'analysis',
    params: {
      histories: HISTORIES,
      shape: ANALYSIS_SHAPE,
      settings: DEFAULT_QUALITY_SETTINGS,
      levels: LEVELS,
    },
    figures,
    units,
    targets: {
      [`recall_${d}`]: { min: 0.9 },
      [`falseAlarmRate_${d}`]: { max: 0.1 },
    },
  });
}
