// Where survey invitations come from: each kind reads its owner's read model after a watermark, in
// the order things happened, and says who to ask and what the answer will be counted under.
// Training has no source yet: a training module provides one through `provideSurveySource('training', …)`.
import type { TSurveyKind } from '../../../common/surveys-api.ts';
import type { Executor } from '../../db/pool.ts';
import { repairsCompleted, workOrderStates } from '../field/index.ts';
import { recordsSignedAfter } from '../maintenance/index.ts';
import { ticketCareFacts, ticketsClosedAfter } from '../tickets/index.ts';

export interface SurveySource {
  sourceId: string;
  /** When it happened (closed, completed, signed): the watermark's time. */
  at: Date;
  number: string | null;
  customerId: string;
  contactId: string | null;
  /** A phone the source itself carries (the ticket's callback number), before the contact's. */
  phone: string | null;
  projectId: string | null;
  team: string | null;
  engineerId: string | null;
  assetId: string | null;
}

/** The port: sources of a kind after (time, id), up to `until`, oldest first, at most `limit`. */
export type SurveySourceReader = (
  db: Executor,
  after: { at: Date; id: string | null },
  until: Date,
  limit: number,
) => Promise<SurveySource[]>;

const closedTickets: SurveySourceReader = async (db, after, until, limit) =>
  (await ticketsClosedAfter(db, after, until, limit)).map((t) => ({
    sourceId: t.id,
    at: t.closedAt,
    number: t.number,
    customerId: t.customerId,
    contactId: t.contactId,
    phone: t.contactPhone,
    projectId: t.projectId,
    team: t.team,
    engineerId: t.assigneeId,
    assetId: t.assetId,
  }));

const completedRepairs: SurveySourceReader = async (db, after, until, limit) => {
  // Field's one read model of completed repairs (the followups job reads it too), by the server's time.
  const repairs = await repairsCompleted(db, after, until, limit);
  const tickets = await ticketCareFacts(
    db,
    repairs.flatMap((r) => (r.ticketId ? [r.ticketId] : [])),
  );
  return repairs.map((r) => {
    const t = r.ticketId ? tickets.get(r.ticketId) : undefined;
    return {
      sourceId: r.workOrderId,
      at: r.recordedAt,
      number: r.number,
      customerId: r.customerId,
      contactId: t?.contactId ?? null,
      phone: t?.contactPhone ?? null,
      projectId: r.projectId,
      team: t?.team ?? null,
      engineerId: r.engineerId,
      assetId: r.assetId,
    };
  });
};

const signedMaintenance: SurveySourceReader = async (db, after, until, limit) => {
  const records = await recordsSignedAfter(db, after, until, limit);
  const orders = await workOrderStates(
    db,
    records.map((r) => r.workOrderId),
  );
  return records.map((r) => {
    const wo = orders.get(r.workOrderId);
    return {
      sourceId: r.visitId,
      at: r.signedAt,
      number: wo?.number ?? null,
      customerId: r.customerId,
      contactId: null,
      phone: null,
      projectId: r.projectId,
      team: null,
      engineerId: r.engineerId,
      assetId: wo?.assetIds[0] ?? null,
    };
  });
};

const readers: Partial<Record<TSurveyKind, SurveySourceReader>> = {
  ticket: closedTickets,
  repair: completedRepairs,
  maintenance: signedMaintenance,
};

export function sourceOf(kind: TSurveyKind): SurveySourceReader | undefined {
  return readers[kind];
}

/** Where a module without a survey source yet (training) plugs one in; app.ts wires it. */
export function provideSurveySource(kind: TSurveyKind, reader: SurveySourceReader): void {
  readers[kind] = reader;
}
