// The maintenance record (保养记录) as the API shows it: who signed, who reviewed, its PDF.
import type { TRecord } from '../../../common/maintenance-visit-api.ts';
import type { Executor } from '../../db/pool.ts';
import { userNames } from '../accounts/index.ts';
import { workOrderStates } from '../field/index.ts';
import { customerFacts, projectFacts } from '../registry/index.ts';
import * as vrepo from './visit-repository.ts';

export async function recordView(
  db: Executor,
  rows: { record: vrepo.RecordRow; visit: vrepo.VisitRow }[],
): Promise<TRecord[]> {
  const people = rows
    .flatMap((r) => [r.record.engineerId, r.record.reviewerId])
    .filter((x): x is string => !!x);
  const [names, customers, projects, orders, dangers] = await Promise.all([
    userNames(db, [...new Set(people)]),
    customerFacts(
      db,
      rows.map((r) => r.visit.customerId),
    ),
    projectFacts(
      db,
      rows.map((r) => r.visit.projectId),
    ),
    workOrderStates(
      db,
      rows.map((r) => r.visit.workOrderId),
    ),
    vrepo.dangerCounts(
      db,
      rows.map((r) => r.visit.id),
    ),
  ]);
  return rows.map(({ record: r, visit: v }) => ({
    visitId: v.id,
    workOrderId: v.workOrderId,
    workOrderNumber: orders.get(v.workOrderId)?.number ?? '',
    customerId: v.customerId,
    customerName: customers.get(v.customerId)?.name ?? '',
    projectName: projects.get(v.projectId)?.name ?? '',
    dueOn: v.dueOn,
    status: r.status,
    signedBy: r.signedBy,
    signedAt: r.signedAt.toISOString(),
    engineerName: (r.engineerId && names.get(r.engineerId)) || null,
    reviewerName: (r.reviewerId && names.get(r.reviewerId)) || null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    returnReason: r.returnReason,
    fileId: r.fileId,
    dangers: dangers.get(v.id) ?? 0,
    version: r.version,
  }));
}
