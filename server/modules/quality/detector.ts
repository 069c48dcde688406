// The early warning as a use case (本月、本季、本年度连续出现的问题进行层层重点预警, 篇3 二): the failures
// counted by tickets in one GROUP BY, the installed base by registry in another, the pure rules decide
// (rules.ts), and each finding becomes an alert with its evidence for the quality engineers — the same
// group's live alert moves up a level instead of repeating, and a problem that comes back after its case
// closed opens that case again with a new alert linked to it.
import { daysInMonth, parseDate, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TAlertEvidence, TDetectionResult } from '../../../common/quality-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { type Notice, sendNotices } from '../notifications/index.ts';
import { assetFacts, groupNames, installedUnits } from '../registry/index.ts';
import { faultCountsByMonth, faultReportsOf } from '../tickets/index.ts';
import { type PartGroupFacts, partDetectorInputs, partEvidenceOf, partGroupName } from './batch-detector.ts';
import * as repo from './repository.ts';
import {
  type Detection,
  type DetectorInput,
  detect,
  type GroupSeries,
  isEscalation,
  monthIndex,
  monthStartOf,
  periodStart,
  recursAfterClosing,
} from './rules.ts';
import { reopenCase, settingsOf } from './service.ts';

const EVIDENCE_LIMIT = 50;

/**
 * The detector's inputs from the read models: counts per group and month, units per group — the fault
 * groups (tickets × registry) and the part groups (parts' ledger: batch, supplier), each with its own
 * base rates.
 */
export async function detectorInput(
  db: Executor,
  now: Date,
  timeZone: string,
): Promise<{ input: DetectorInput; partInputs: DetectorInput[]; partGroups: Map<string, PartGroupFacts> }> {
  const settings = await settingsOf(db);
  const { y, m, day } = parseDate(toLocalDate(now, timeZone));
  const current = monthIndex(y, m);
  const earliest =
    periodStart('year', current) - (settings.consecutivePeriods - 1) * 12 - settings.historyMonths;
  const today = { year: y, month: m, day, daysInMonth: daysInMonth(y, m) };
  const counts = await faultCountsByMonth(db, monthStartOf(earliest), timeZone);
  const units = await installedUnits(db);

  const unitsOf = new Map<string, number>();
  let totalUnits = 0;
  for (const u of units) {
    totalUnits += u.units;
    for (const key of [
      `model_fault:${u.productId}`,
      `project_fault:${u.projectId}`,
      `customer_fault:${u.customerId}`,
    ])
      unitsOf.set(key, (unitsOf.get(key) ?? 0) + u.units);
  }
  const groups = new Map<string, GroupSeries>();
  const base = new Map<string, Map<number, number>>();
  const add = (months: Map<number, number>, mi: number, n: number) =>
    months.set(mi, (months.get(mi) ?? 0) + n);
  for (const c of counts) {
    const mi = monthIndex(Number(c.month.slice(0, 4)), Number(c.month.slice(5, 7)));
    if (!base.has(c.faultCategory)) base.set(c.faultCategory, new Map());
    add(base.get(c.faultCategory)!, mi, c.count);
    const members: [GroupSeries['kind'], string | null][] = [
      ['model_fault', c.productId],
      ['project_fault', c.projectId],
      ['customer_fault', c.customerId],
    ];
    for (const [kind, id] of members) {
      if (!id) continue;
      const key = `${kind}:${id}:${c.faultCategory}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          kind,
          id,
          faultCategory: c.faultCategory,
          units: unitsOf.get(`${kind}:${id}`) ?? 0,
          months: new Map(),
        };
        groups.set(key, g);
      }
      add(g.months, mi, c.count);
    }
  }
  const part = await partDetectorInputs(db, monthStartOf(earliest), timeZone, { today, settings });
  return {
    input: { groups: [...groups.values()], base, totalUnits, today, settings },
    partInputs: part.inputs,
    partGroups: part.groups,
  };
}

async function evidenceOf(db: Executor, d: Detection, timeZone: string, parts: Map<string, PartGroupFacts>) {
  if (d.kind === 'batch_part' || d.kind === 'supplier_part')
    return partEvidenceOf(db, parts.get(d.id), monthStartOf(d.fromMonth), timeZone, EVIDENCE_LIMIT);
  const group =
    d.kind === 'model_fault'
      ? { productId: d.id }
      : d.kind === 'project_fault'
        ? { projectId: d.id }
        : { customerId: d.id };
  const reports = await faultReportsOf(
    db,
    group,
    d.faultCategory,
    monthStartOf(d.fromMonth),
    timeZone,
    EVIDENCE_LIMIT,
  );
  const facts = await assetFacts(db, reports.flatMap((r) => r.assetIds).slice(0, EVIDENCE_LIMIT));
  const evidence: TAlertEvidence = {
    tickets: reports.map((r) => ({ id: r.id, number: r.number, createdAt: r.createdAt.toISOString() })),
    assets: [...facts].map(([id, f]) => ({ id, serial: f.serial, productModel: f.productModel })),
    batches: [],
  };
  return { evidence, reports };
}

const lastDayOf = (mi: number) => {
  const y = Math.floor(mi / 12);
  const m = (mi % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** Runs the detector now (the daily job and the "check now" button). */
export async function runDetection(ctx: Ctx): Promise<TDetectionResult> {
  const result: TDetectionResult = { raised: 0, escalated: 0, reopenedCases: 0, groupsChecked: 0 };
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { input, partInputs, partGroups } = await detectorInput(tx, now, ctx.timeZone);
    const inputs = [input, ...partInputs];
    result.groupsChecked = inputs.reduce((n, i) => n + i.groups.length, 0);
    const detections = inputs.flatMap(detect);
    if (!detections.length) return;
    const names = await groupNames(tx, {
      productIds: detections.filter((d) => d.kind === 'model_fault').map((d) => d.id),
      projectIds: detections.filter((d) => d.kind === 'project_fault').map((d) => d.id),
      customerIds: detections.filter((d) => d.kind === 'customer_fault').map((d) => d.id),
    });
    const engineers = await activeStaffIds(tx, ['quality_engineer']);
    const notices: Notice[] = [];
    const tell = (alert: repo.AlertRow) => {
      const payload = {
        alertId: alert.id,
        number: alert.number,
        group: alert.groupName,
        faultCategory: alert.faultCategory,
        level: alert.level,
        count: alert.count,
      };
      notices.push({
        kind: 'quality.alert',
        userIds: engineers,
        payload,
        dedupeKey: `quality.alert:${alert.id}:${alert.level}`,
        render: (locale) => renderAlert(payload, locale),
      });
    };
    for (const d of detections) {
      const { evidence, reports } = await evidenceOf(tx, d, ctx.timeZone, partGroups);
      const figures = {
        level: d.level,
        reason: d.reason,
        periodStart: monthStartOf(d.fromMonth),
        periodEnd: lastDayOf(d.toMonth),
        count: d.count,
        expected: d.expected,
        pValue: d.pValue,
        units: d.units,
        evidence,
        lastSeenAt: now,
      };
      const latest = await repo.latestAlertOf(tx, d.kind, d.id, d.faultCategory);
      if (latest && latest.status !== 'closed') {
        // 层层预警: the live alert moves up; a lower or equal level only refreshes its figures.
        if (isEscalation(latest.level, d.level)) {
          tell(await repo.updateAlert(tx, latest.id, figures));
          result.escalated++;
        } else {
          await repo.updateAlert(tx, latest.id, {
            count: Math.max(latest.count, d.level === latest.level ? d.count : latest.count),
            evidence,
            lastSeenAt: now,
          });
        }
        continue;
      }
      let caseId: string | null = null;
      if (latest?.caseId) {
        const closedCase = await repo.findCase(tx, latest.caseId);
        const closedAt = closedCase?.closedAt;
        if (closedCase && closedAt) {
          const since = reports.filter((r) => r.createdAt > closedAt).length;
          if (!recursAfterClosing(since, input.settings.minCount)) continue;
          caseId = closedCase.id;
        }
      }
      const alert = await repo.insertAlert(tx, {
        number: await nextDocumentNumber(tx, 'YJ', now, ctx.timeZone),
        groupKind: d.kind,
        groupId: d.id,
        groupName: nameOfGroup(d, names, partGroups),
        faultCategory: d.faultCategory,
        ...figures,
        status: caseId ? 'case_opened' : 'open',
        caseId,
        raisedAt: now,
      });
      if (caseId) {
        await reopenCase(tx, ctx, caseId, alert.id, alert.number);
        result.reopenedCases++;
      }
      result.raised++;
      tell(alert);
    }
    await sendNotices(tx, ctx, notices);
  });
  return result;
}

function nameOfGroup(d: Detection, names: Map<string, string>, parts: Map<string, PartGroupFacts>) {
  const part = parts.get(d.id);
  return part ? partGroupName(part) : (names.get(d.id) ?? '');
}

const LEVEL_WORDS = {
  month: ['本月', 'this month'],
  quarter: ['本季度', 'this quarter'],
  year: ['本年度', 'this year'],
};

function renderAlert(
  p: { number: string; group: string; faultCategory: string; level: keyof typeof LEVEL_WORDS; count: number },
  locale: string,
) {
  const [zh, en] = LEVEL_WORDS[p.level];
  const category = p.faultCategory || (locale.startsWith('zh') ? '未分类' : 'unclassified');
  return locale.startsWith('zh')
    ? {
        subject: `重复问题预警 ${p.number}：${p.group}`,
        text: `${p.group}（${category}）${zh}出现 ${p.count} 次故障，超出预期，请分析原因并开具产品质量处理单。`,
      }
    : {
        subject: `Early warning ${p.number}: ${p.group}`,
        text: `${p.group} (${category}) had ${p.count} failures ${en}, more than expected: analyse the cause and open a quality case.`,
      };
}
