// Open work by region on the service manager's dashboard (issue 19): open tickets (tickets) and open work
// orders (field) counted per customer and project, placed in the project's region — or the customer's
// when the project names none or the record has no project — from registry. Now, whatever the period;
// a customer user sees only its own organisation. Definitions: docs/analytics.md "Open work by region".
import type {
  TOpenWork,
  TOpenWorkQuery,
  TOpenWorkRecord,
  TOpenWorkRecordsQuery,
  TOpenWorkRegion,
} from '../../../common/analytics-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { openWorkOrderCounts, openWorkOrdersAt } from '../field/index.ts';
import { customerFacts, projectFacts } from '../registry/index.ts';
import { openTicketCounts, openTicketsAt } from '../tickets/index.ts';

function scoped(ctx: Ctx, q: TOpenWorkQuery): TOpenWorkQuery {
  if (ctx.scope.kind !== 'customer') return q;
  if (q.customerId && q.customerId !== ctx.scope.customerId) throw notFound('Customer');
  return { ...q, customerId: ctx.scope.customerId };
}

interface Place {
  customerId: string;
  projectId: string | null;
  tickets: number;
  workOrders: number;
}

/** Every place with open work and its region (project's, else customer's, else null). */
async function placesOf(db: Executor, q: TOpenWorkQuery) {
  const [tickets, orders] = await Promise.all([openTicketCounts(db, q), openWorkOrderCounts(db, q)]);
  const places = new Map<string, Place>();
  const at = (customerId: string, projectId: string | null) => {
    const key = projectId ?? `customer:${customerId}`;
    let p = places.get(key);
    if (!p) {
      p = { customerId, projectId, tickets: 0, workOrders: 0 };
      places.set(key, p);
    }
    return p;
  };
  for (const c of tickets) at(c.customerId, c.projectId).tickets += c.count;
  for (const c of orders) at(c.customerId, c.projectId).workOrders += c.count;
  const all = [...places.values()];
  const [projects, customers] = await Promise.all([
    projectFacts(
      db,
      all.flatMap((p) => (p.projectId ? [p.projectId] : [])),
    ),
    customerFacts(
      db,
      all.map((p) => p.customerId),
    ),
  ]);
  const regionOf = (p: Place) =>
    (p.projectId ? projects.get(p.projectId)?.region : null) || customers.get(p.customerId)?.region || null;
  return { places: all, projects, customers, regionOf };
}

export async function openWorkByRegion(ctx: Ctx, reads: Executor, query: TOpenWorkQuery): Promise<TOpenWork> {
  const q = scoped(ctx, query);
  const { places, projects, regionOf } = await placesOf(reads, q);
  const regions = new Map<string | null, TOpenWorkRegion>();
  for (const p of places) {
    const region = regionOf(p);
    let r = regions.get(region);
    if (!r) {
      r = { region, tickets: 0, workOrders: 0, sites: [] };
      regions.set(region, r);
    }
    r.tickets += p.tickets;
    r.workOrders += p.workOrders;
    const project = p.projectId ? projects.get(p.projectId) : undefined;
    if (p.projectId && project)
      r.sites.push({
        projectId: p.projectId,
        name: project.name,
        latitude: project.latitude,
        longitude: project.longitude,
        tickets: p.tickets,
        workOrders: p.workOrders,
      });
  }
  const list = [...regions.values()].sort(
    (a, b) =>
      b.tickets + b.workOrders - (a.tickets + a.workOrders) || (a.region ?? '').localeCompare(b.region ?? ''),
  );
  return {
    regions: list,
    tickets: list.reduce((n, r) => n + r.tickets, 0),
    workOrders: list.reduce((n, r) => n + r.workOrders, 0),
  };
}

/** The open tickets and work orders behind one region (absent: no region), oldest first. */
export async function openWorkRecords(
  ctx: Ctx,
  reads: Executor,
  query: TOpenWorkRecordsQuery,
): Promise<{ items: TOpenWorkRecord[] }> {
  const { region, limit, ...filter } = query;
  const q = scoped(ctx, filter);
  const { places, projects, customers, regionOf } = await placesOf(reads, q);
  const mine = places.filter((p) => regionOf(p) === (region ?? null));
  const at = {
    projectIds: mine.flatMap((p) => (p.projectId ? [p.projectId] : [])),
    customerIdsWithoutProject: mine.flatMap((p) => (p.projectId ? [] : [p.customerId])),
  };
  const [tickets, orders] = await Promise.all([
    openTicketsAt(reads, q, at, limit),
    openWorkOrdersAt(reads, q, at, limit),
  ]);
  const names = (r: { customerId: string; projectId: string | null }) => ({
    customerName: customers.get(r.customerId)?.name ?? '',
    projectName: r.projectId ? (projects.get(r.projectId)?.name ?? null) : null,
  });
  const items: TOpenWorkRecord[] = [
    ...tickets.map((r) => ({
      kind: 'ticket' as const,
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      ...names(r),
      createdAt: r.createdAt.toISOString(),
    })),
    ...orders.map((r) => ({
      kind: 'work_order' as const,
      id: r.id,
      number: r.number,
      subject: r.kind,
      status: r.status,
      ...names(r),
      createdAt: r.createdAt.toISOString(),
    })),
  ];
  return { items: items.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, limit) };
}
