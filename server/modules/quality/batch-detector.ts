// The early warning's part groups (issue 19): fitted units replaced again per month (parts' ledger, one
// GROUP BY) against the installed units, with the part as the "fault class" — so a group is measured
// against the other groups of the same part, never against other parts. Two groupings of the batches:
// part batch × part (one batch), and supplier × part (the batches of one supplier; batches without a
// supplier are left out). The same pure rules decide (rules.ts). Definitions: docs/analytics.md.
import { createHash } from 'node:crypto';
import type { TAlertEvidence, TAlertGroupKind } from '../../../common/quality-api.ts';
import type { Executor } from '../../db/pool.ts';
import {
  type BatchInstalledUnits,
  batchFailuresByMonth,
  batchFailuresOf,
  batchInstalledUnits,
} from '../parts/index.ts';
import { assetFacts } from '../registry/index.ts';
import { ticketNumbers } from '../tickets/index.ts';
import type { DetectorInput, GroupSeries } from './rules.ts';
import { monthIndex } from './rules.ts';

/** A part group: its batches (code by id), the part, and the supplier for a supplier group. */
export interface PartGroupFacts {
  kind: TAlertGroupKind;
  batchCodes: Map<string, string>;
  partNumber: string;
  partName: string;
  supplier: string | null;
}

/** A stable group id for a supplier of a part (alerts key on a uuid): the md5 of both, as a uuid. */
const supplierGroupId = (partId: string, supplier: string) => {
  const h = createHash('md5').update(`${partId}\n${supplier}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const GROUPINGS: Record<'batch' | 'supplier', (u: BatchInstalledUnits) => [TAlertGroupKind, string] | null> =
  {
    batch: (u) => ['batch_part', u.batchId],
    supplier: (u) => (u.supplier ? ['supplier_part', supplierGroupId(u.partId, u.supplier)] : null),
  };

/** The part groups' detector inputs (the part number is the group's fault class), and the groups. */
export async function partDetectorInputs(
  db: Executor,
  fromDate: string,
  timeZone: string,
  common: Pick<DetectorInput, 'today' | 'settings'>,
): Promise<{ inputs: DetectorInput[]; groups: Map<string, PartGroupFacts> }> {
  const units = await batchInstalledUnits(db);
  const counts = await batchFailuresByMonth(db, fromDate, timeZone);
  const facts = new Map<string, PartGroupFacts>();
  const inputs = Object.values(GROUPINGS).map((groupOf) => {
    const groupOfBatch = new Map<string, GroupSeries>();
    const unitsOfBase = new Map<string, number>();
    const groups = new Map<string, GroupSeries>();
    for (const u of units) {
      const key = groupOf(u);
      if (!key) continue;
      const [kind, id] = key;
      const f = facts.get(id) ?? {
        kind,
        batchCodes: new Map(),
        partNumber: u.partNumber,
        partName: u.partName,
        supplier: kind === 'supplier_part' ? u.supplier : null,
      };
      f.batchCodes.set(u.batchId, u.batchCode);
      facts.set(id, f);
      unitsOfBase.set(u.partNumber, (unitsOfBase.get(u.partNumber) ?? 0) + u.units);
      const g = groups.get(id) ?? { kind, id, faultCategory: u.partNumber, units: 0, months: new Map() };
      g.units += u.units;
      groups.set(id, g);
      groupOfBatch.set(u.batchId, g);
    }
    const base = new Map<string, Map<number, number>>();
    for (const c of counts) {
      const g = groupOfBatch.get(c.batchId);
      if (!g) continue;
      const mi = monthIndex(Number(c.month.slice(0, 4)), Number(c.month.slice(5, 7)));
      g.months.set(mi, (g.months.get(mi) ?? 0) + c.count);
      if (!base.has(g.faultCategory)) base.set(g.faultCategory, new Map());
      const b = base.get(g.faultCategory)!;
      b.set(mi, (b.get(mi) ?? 0) + c.count);
    }
    return {
      groups: [...groups.values()].filter((g) => g.months.size > 0),
      base,
      totalUnits: 0,
      unitsOfBase,
      ...common,
    };
  });
  return { inputs, groups: facts };
}

/** The group's name on the alert: the part and batch code, or the supplier and the part. */
export function partGroupName(g: PartGroupFacts) {
  return g.supplier
    ? `${g.supplier} · ${g.partName}`
    : `${g.partName} ${[...g.batchCodes.values()].join(', ')}`;
}

/** The evidence of a part group's alert: the replacements' tickets, the equipment, their batches. */
export async function partEvidenceOf(
  db: Executor,
  group: PartGroupFacts | undefined,
  fromDate: string,
  timeZone: string,
  limit: number,
) {
  const failures = group
    ? await batchFailuresOf(db, [...group.batchCodes.keys()], fromDate, timeZone, limit)
    : [];
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
  const codes = [...new Set(failures.map((f) => group?.batchCodes.get(f.batchId) ?? ''))].sort();
  const evidence: TAlertEvidence = {
    tickets,
    assets: [...facts].map(([id, f]) => ({ id, serial: f.serial, productModel: f.productModel })),
    batches: group ? codes.map((c) => `${group.partNumber} ${c}`) : [],
  };
  return { evidence, reports: failures.map((f) => ({ createdAt: f.replacedAt })) };
}
