// The workbench of the caller's roles and the global search, assembled from each owner's index.ts.
// Reads only, like the other list routes: the owners' queries run in parallel on the pool.
import type { TSearchHit, TWorkbench } from '../../../common/workbench-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { customerVisits, dispatchFigures, engineerDay, searchWorkOrders } from '../field/index.ts';
import { followUpsDueCount } from '../followups/index.ts';
import { countsToApprove, partsKeyFigures, searchParts, storeWork } from '../parts/index.ts';
import { qualityKeyFigures } from '../quality/index.ts';
import { searchRegistry } from '../registry/index.ts';
import { slaBreachingCount, slaComplianceSince } from '../sla/index.ts';
import {
  breachedTicketCount,
  chatsWaitingCount,
  myOpenTicketCounts,
  openTicketsOf,
  searchTickets,
  teamOpenTicketCount,
  ticketRefs,
  unassignedTicketCount,
} from '../tickets/index.ts';
import { trainerSessionsBetween, trainingKeyFigures } from '../training/index.ts';
import { dayBounds, figuresOf, monthSoFar, sectionsOf, weekBounds } from './rules.ts';

const readOnly = <T>(ctx: Ctx, work: (ctx: Ctx) => Promise<T>): Promise<T> => work(ctx);

export function workbench(outer: Ctx): Promise<TWorkbench> {
  return readOnly(outer, async (ctx) => {
    const { roles, permissions } = ctx.principal;
    const sections = sectionsOf(roles, permissions);
    const now = ctx.clock.now();
    const day = dayBounds(now, ctx.timeZone);
    const result: TWorkbench = {};
    if (sections.has('desk')) {
      const [mine, breaching, breached, followUps, chatsWaiting] = await Promise.all([
        myOpenTicketCounts(ctx),
        slaBreachingCount(ctx.db, now),
        breachedTicketCount(ctx, now),
        permissions.has('followups.work') ? followUpsDueCount(ctx, day.tomorrow) : null,
        chatsWaitingCount(ctx),
      ]);
      result.desk = { mine, breaching, breached, followUpsDue: followUps, chatsWaiting };
    }
    if (sections.has('team')) {
      const [open, mine] = await Promise.all([teamOpenTicketCount(ctx), myOpenTicketCounts(ctx)]);
      result.team = { open, mine: Object.values(mine).reduce((a, b) => a + b, 0) };
    }
    if (sections.has('jobs')) result.jobs = await engineerDay(ctx, day.tomorrow, day.dayAfter);
    if (sections.has('manager')) {
      const [unassignedTickets, breached, field, counts, slaToday] = await Promise.all([
        unassignedTicketCount(ctx),
        breachedTicketCount(ctx, now),
        dispatchFigures(ctx, day.today, day.tomorrow),
        permissions.has('stock.approve') ? countsToApprove(ctx) : [],
        slaComplianceSince(ctx.db, day.today, now),
      ]);
      result.manager = {
        unassignedTickets,
        breached,
        ...field,
        countsToApprove: counts,
        slaToday,
      };
    }
    if (sections.has('stock')) {
      const store = await storeWork(ctx, 10);
      const refs = await ticketRefs(
        ctx.db,
        store.reservations.flatMap((r) => (r.ticketId ? [r.ticketId] : [])),
      );
      result.stock = {
        ...store,
        reservations: store.reservations.map((r) => ({
          ...r,
          ticketNumber: (r.ticketId && refs.get(r.ticketId)?.number) || null,
        })),
      };
    }
    if (sections.has('sessions')) {
      const week = weekBounds(now, ctx.timeZone);
      result.sessions = {
        from: week.from.toISOString(),
        to: week.to.toISOString(),
        // An API token acts for no person: it has no sessions of its own.
        items: ctx.principal.userId
          ? await trainerSessionsBetween(ctx, ctx.principal.userId, week.from, week.to)
          : [],
      };
    }
    const figures = figuresOf(roles, permissions);
    if (figures.size > 0) {
      const { from, to } = monthSoFar(now, ctx.timeZone);
      const [parts, quality, training] = await Promise.all([
        figures.has('parts') ? partsKeyFigures(ctx, from, to) : undefined,
        figures.has('quality') ? qualityKeyFigures(ctx, from, to) : undefined,
        figures.has('training') ? trainingKeyFigures(ctx, from, to) : undefined,
      ]);
      result.figures = {
        from,
        to,
        ...(parts ? { parts } : {}),
        ...(quality ? { quality } : {}),
        ...(training ? { training } : {}),
      };
    }
    if (sections.has('portal') && ctx.scope.kind === 'customer') {
      const [openRequests, visits] = await Promise.all([
        openTicketsOf(ctx, 10),
        customerVisits(ctx, ctx.scope.customerId),
      ]);
      result.portal = { openRequests, ...visits };
    }
    return result;
  });
}

/** Up to `limit` hits of each kind the caller may read; a customer finds only its organisation's. */
export function search(outer: Ctx, q: string, limit: number): Promise<TSearchHit[]> {
  return readOnly(outer, async (ctx) => {
    const { permissions } = ctx.principal;
    const base = ctx.scope.kind === 'customer' ? '/portal' : '/console';
    const staff = ctx.scope.kind !== 'customer';
    const [tickets, registry, parts, workOrders] = await Promise.all([
      permissions.has('tickets.read') ? searchTickets(ctx, q, limit) : [],
      permissions.has('registry.read') && permissions.has('customers.read')
        ? searchRegistry(ctx, q, limit)
        : { customers: [], contacts: [], assets: [] },
      staff && permissions.has('parts.read') ? searchParts(ctx, q, limit) : [],
      permissions.has('workorders.read_all') || permissions.has('workorders.work') || !staff
        ? searchWorkOrders(ctx, q, limit)
        : [],
    ]);
    const canWork = permissions.has('workorders.work') && !permissions.has('workorders.read_all');
    return [
      ...tickets.map((t) => ({
        kind: 'ticket' as const,
        id: t.id,
        title: t.number,
        subtitle: `${t.subject} · ${t.customerName}`,
        path: `${base}/tickets/${t.id}`,
      })),
      ...registry.customers.map((c) => ({
        kind: 'customer' as const,
        id: c.id,
        title: c.name,
        subtitle: [c.code, c.contactName, c.contactPhone].filter(Boolean).join(' · ') || null,
        path: `/console/customers/${c.id}`,
      })),
      ...registry.contacts.map((c) => ({
        kind: 'contact' as const,
        id: c.contactId ?? c.customerId,
        title: `${c.contactName ?? ''} ${c.phone}`.trim(),
        subtitle: c.customerName,
        path: `/console/customers/${c.customerId}`,
      })),
      ...registry.assets.map((a) => ({
        kind: 'asset' as const,
        id: a.id,
        title: a.name ? `${a.name} (${a.serial})` : a.serial,
        subtitle: `${a.productName} ${a.productModel} · ${a.projectName}`,
        path: `${base}/assets/${a.id}`,
      })),
      ...parts.map((p) => ({
        kind: 'part' as const,
        id: p.id,
        title: `${p.partNumber} ${p.name}`,
        subtitle: p.specification,
        path: `/console/parts/${p.id}`,
      })),
      ...workOrders.flatMap((w) => {
        // Staff open the work order (the engineer his visit); a customer its ticket.
        const path = staff
          ? canWork
            ? `/console/jobs/${w.id}`
            : w.ticketId
              ? `/console/tickets/${w.ticketId}`
              : null
          : w.ticketId
            ? `/portal/tickets/${w.ticketId}`
            : null;
        return path
          ? [{ kind: 'work_order' as const, id: w.id, title: w.number, subtitle: w.summary, path }]
          : [];
      }),
    ];
  });
}
