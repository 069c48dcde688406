// Public surface of the complaints module (投诉 and 改进建议, issue 17).
import type { Executor } from '../../db/pool.ts';
import * as repo from './repository.ts';

export { sweepComplaintDeadlines } from './deadlines.ts';
export { complaintsDeadlineJob } from './jobs.ts';
export { complaintOwners } from './owners.ts';
export { registerComplaintRoutes } from './routes.ts';
export { createComplaint, settingsOf as complaintSettingsOf } from './service.ts';
export { createSuggestion, suggestionFromFollowUp } from './suggestions.ts';
export { summaryOf as complaintSummaryOf } from './summary.ts';

export interface HandledComplaint {
  id: string;
  number: string;
  customerId: string;
  round: number;
  handledAt: Date;
  complainantName: string;
  contactPhone: string | null;
  contactEmail: string | null;
}

/**
 * Port for follow-ups (回访, 篇1 六.5: "within 24 h after a complaint is handled"): the complaints whose
 * latest handling fell in [from, to). A reopened complaint handled again appears again, with its round.
 * The caller keeps a watermark, so each call reads only what is new (index on last_handled_at).
 */
export async function complaintsHandledBetween(
  db: Executor,
  from: Date,
  to: Date,
): Promise<HandledComplaint[]> {
  const rows = await repo.handledBetween(db, from, to);
  return rows.map((r) => ({ ...r, handledAt: r.handledAt! }));
}

/**
 * Read model for a person's performance record: the complaints upheld against them (the investigation
 * found the complaint founded), received in [from, to).
 */
export async function upheldComplaintsOf(db: Executor, userId: string, period: { from: Date; to: Date }) {
  return repo.upheldAgainst(db, userId, period.from, period.to);
}

/**
 * Read model for staff performance (analytics): per person, the complaints against them received in
 * [from, to) and how many were upheld — the complaint summary's own staff figures.
 */
export async function complaintsAgainstStaff(db: Executor, period: { from: Date; to: Date }) {
  return repo.summaryStaff(db, period.from, period.to);
}
