// The early warning's part × batch group (issue 19): a batch's fitted units replaced again per month
// (parts' ledger, one GROUP BY) against its installed units, with the part as the "fault class" — so a
// batch is measured against the other batches of the same part, never against other parts. The same
// pure rules decide (rules.ts). Definitions: docs/analytics.md ("Early warning by part batch").
import type { TAlertEvidence } from '../../../common/quality-api.ts';
import type { Executor } from '../../db/pool.ts';
import { batchFailuresByMonth, batchFailuresOf, batchInstalledUnits } from '../parts/index.ts';
import { assetFacts } from '../registry/index.ts';
import { ticketNumbers } from '../tickets/index.ts';
import type { DetectorInput, GroupSeries } from './rules.ts';
import { monthIndex } from './rules.ts';

export interface BatchFacts {
  code: string;
  partNumber: string;
  partName: string;
}

/** The batch groups' detector input (the part number is the group's fault class), and the batches. */
export async function batchDetectorInput(
  db: Executor,
  fromDate: string,
  timeZone: string,
  common: Pick<DetectorInput, 'today' | 'settings'>,
): Promise<{ input: DetectorInput; batches: Map<string, BatchFacts> }> {
  const units = await batchInstalledUnits(db);
  const counts = await batchFailuresByMonth(db, fromDate, timeZone);
  const batches = new Map<string, BatchFacts>();
  const unitsOfBase = new Map<string, number>();
  const groups = new Map<string, GroupSeries>();
  for (const u of units) {
    batches.set(u.batchId, { code: u.batchCode, partNumber: u.partNumber, partName: u.partName });
    unitsOfBase.set(u.partNumber, (unitsOfBase.get(u.partNumber) ?? 0) + u.units);
    groups.set(u.batchId, {
      kind: 'batch_part',
      id: u.batchId,
      faultCategory: u.partNumber,
      units: u.units,
      months: new Map(),
    });
  }
  const base = new Map<string, Map<number, number>>();
  for (const c of counts) {
    const g = groups.get(c.batchId);
    if (!g) continue;
    const mi = monthIndex(Number(c.month.slice(0, 4)), Number(c.month.slice(5, 7)));
    g.months.set(mi, (g.months.get(mi) ?? 0) + c.count);
    if (!base.has(g.faultCategory)) base.set(g.faultCategory, new Map());
    const b = base.get(g.faultCategory)!;
    b.set(mi, (b.get(mi) ?? 0) + c.count);
  }
  return {
    input: {
      groups: [...groups.values()].filter((g) => g.months.size > 0),
      base,
      totalUnits: 0,
      unitsOfBase,
      ...common,
    },
    batches,
  };
}

/** The evidence of a batch alert: the replacements' tickets, the equipment, the batch. */
export async function batchEvidenceOf(
  db: Executor,
  batchId: string,
  batch: BatchFacts | undefined,
  fromDate: string,
  timeZone: string,
  limit: number,
) {
  const failures = await batchFailuresOf(db, batchId, fromDate, timeZone, limit);
  const numbers = await ticketNumbers(
    db,
    failures.flatMap((f) => (f.ticketId ? [f.ticketId] : [])),
  );
  const facts = await assetFacts(db, [...new Set(failures.map((f) => f.assetId))]);
  const seen = new Set<string>();
  const tickets: TAlertEvidence['tickets'] = [];
  for (const f of failures) {
    const number = f.ticketId ? numbers.get(f.ticketId) : undefined;
    if (!f.ticketId || !number || seen.has(f.ticketId)) continue;
    seen.add(f.ticketId);
    // The replacement's time: when the fitted unit was found failed.
    tickets.push({ id: f.ticketId, number, createdAt: f.replacedAt.toISOString() });
  }
  const evidence: TAlertEvidence = {
    tickets,
    assets: [...facts].map(([id, f]) => ({ id, serial: f.serial, productModel: f.productModel })),
    batches: batch ? [`${batch.partNumber} ${batch.code}`] : [],
  };
  return { evidence, reports: failures.map((f) => ({ createdAt: f.replacedAt })) };
}
