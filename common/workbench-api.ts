// The home page of each role (a workbench) and the console's global search. Each section is present
// only when the caller's role works with it and has the permission to read what lies behind it.
import { z } from 'zod';
import { ZId } from './api.ts';
import { TICKET_STATUSES } from './ticket-rules.ts';

const ZInstant = z.iso.datetime({ offset: true });

export const ZWorkbenchJob = z.object({
  id: ZId,
  number: z.string(),
  kind: z.enum(['repair', 'maintenance', 'inspection', 'installation']),
  status: z.string(),
  summary: z.string(),
  emergency: z.boolean(),
  customerName: z.string(),
  address: z.string().nullable(),
  scheduledAt: ZInstant.nullable(),
  /** The ticket's on-site deadline (SLA), while it runs. */
  onSiteDueAt: ZInstant.nullable(),
});
export type TWorkbenchJob = z.infer<typeof ZWorkbenchJob>;

export const ZWorkbenchTicket = z.object({
  id: ZId,
  number: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  /** The nearest promised time of the running SLA targets. */
  slaDueAt: ZInstant.nullable(),
});

/**
 * The counts of the tiles stop at this cap: a count of WORKBENCH_COUNT_CAP + 1 means "more than the cap"
 * (shown as "1000+"), so a tile costs the same whatever the backlog.
 */
export const WORKBENCH_COUNT_CAP = 1000;

const ZCount = z.int().min(0);

export const ZWorkbench = z.object({
  /** Desk work: the caller's open tickets by status and the SLA queues. */
  desk: z
    .object({
      mine: z.object({
        new: ZCount,
        assigned: ZCount,
        in_progress: ZCount,
        waiting_customer: ZCount,
      }),
      breaching: ZCount,
      breached: ZCount,
      /** Follow-up visits (回访) due by the end of today, overdue included. */
      followUpsDue: ZCount.nullable(),
      /** Live chats (channel chat) still open with no public answer yet: the tickets' `chats` queue. */
      chatsWaiting: ZCount,
    })
    .optional(),
  /** Tickets routed to the caller's team (e.g. training requests for trainers). */
  team: z.object({ open: ZCount, mine: ZCount }).optional(),
  /** The engineer's day: jobs in order, with their on-site deadlines. */
  jobs: z
    .object({
      today: z.array(ZWorkbenchJob),
      tomorrow: z.array(ZWorkbenchJob),
      /** Open jobs whose ticket still has parts reserved, not yet issued. */
      waitingForParts: z.array(ZWorkbenchJob),
      open: ZCount,
    })
    .optional(),
  /** The manager's view of the department now. */
  manager: z
    .object({
      unassignedTickets: ZCount,
      unassignedWorkOrders: ZCount,
      breached: ZCount,
      load: z.array(z.object({ engineerId: ZId, name: z.string(), today: ZCount, open: ZCount })),
      countsToApprove: z.array(z.object({ id: ZId, locationName: z.string(), submittedAt: ZInstant })),
      /** SLA targets due today so far: met in time against breached; null when none was due. */
      slaToday: z.object({ met: ZCount, breached: ZCount, compliance: z.number().nullable() }),
    })
    .optional(),
  /** The storekeeper's work. */
  stock: z
    .object({
      reorderAlerts: ZCount,
      openReservations: ZCount,
      reservations: z.array(
        z.object({
          id: ZId,
          partNumber: z.string(),
          partName: z.string(),
          locationName: z.string(),
          quantity: ZCount,
          emergency: z.boolean(),
          ticketId: ZId.nullable(),
          ticketNumber: z.string().nullable(),
        }),
      ),
      counts: z.array(
        z.object({
          id: ZId,
          locationName: z.string(),
          status: z.enum(['open', 'submitted']),
          openedAt: ZInstant,
        }),
      ),
    })
    .optional(),
  /** The trainer's own sessions this week (Monday to Sunday, organisation's zone), in time order. */
  sessions: z
    .object({
      from: ZInstant,
      to: ZInstant,
      items: z.array(
        z.object({
          id: ZId,
          courseTitle: z.string(),
          startsAt: ZInstant,
          endsAt: ZInstant,
          venue: z.string(),
          enrolled: ZCount,
          waiting: ZCount,
          seatLimit: z.int().nullable(),
          /** Other sessions of the trainer at the same time, plus days of leave it falls on. */
          clashes: ZCount,
        }),
      ),
    })
    .optional(),
  /** Key figures of the caller's role dashboards this month (issue 19), each linking to its dashboard. */
  figures: z
    .object({
      from: z.iso.date(),
      to: z.iso.date(),
      parts: z
        .object({
          consumedCostFen: z.int(),
          warrantyCostFen: z.int(),
          chargedCostFen: z.int(),
          turns: z.number().nullable(),
        })
        .optional(),
      quality: z
        .object({ openAlerts: z.int(), yearAlerts: z.int(), openCases: z.int(), casesOver30Days: z.int() })
        .optional(),
      training: z
        .object({
          sessions: z.int(),
          attendancePercent: z.number().nullable(),
          passPercent: z.number().nullable(),
          meanStars: z.number().nullable(),
        })
        .optional(),
    })
    .optional(),
  /** A customer's portal: open requests with their promised times, the next visit, recent reports. */
  portal: z
    .object({
      openRequests: z.array(ZWorkbenchTicket),
      nextVisit: z
        .object({
          number: z.string(),
          kind: ZWorkbenchJob.shape.kind,
          scheduledAt: ZInstant,
          ticketId: ZId.nullable(),
        })
        .nullable(),
      reports: z.array(
        z.object({
          workOrderId: ZId,
          number: z.string(),
          ticketId: ZId.nullable(),
          completedAt: ZInstant,
        }),
      ),
    })
    .optional(),
});
export type TWorkbench = z.infer<typeof ZWorkbench>;

// ---------- global search ----------
export const SEARCH_KINDS = ['ticket', 'customer', 'contact', 'asset', 'part', 'work_order'] as const;
export type TSearchKind = (typeof SEARCH_KINDS)[number];

export const ZSearchQuery = z.object({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const ZSearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: ZId,
  /** What the user recognises: a number, code or name. */
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The page of the hit, relative to the app (`/console/...` or `/portal/...`). */
  path: z.string(),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;
export const ZSearchResult = z.object({ hits: z.array(ZSearchHit) });
export type TSearchResult = z.infer<typeof ZSearchResult>;
