// First-time fix facts of a ticket (analytics, docs/analytics.md): the moment it was first resolved and
// the first reopening after that. Written in the transaction that changes the status.
import { STATUS_CATEGORY } from '../../../common/ticket-rules.ts';

/**
 * First-time fix facts (docs/analytics.md): the first resolution is kept, and the first reopening
 * after it (a resolved or closed ticket put back to an open status).
 */
export function resolutionMarks(
  before: { status: string; firstResolvedAt: Date | null; reopenedAt: Date | null },
  status: string | undefined,
  at: Date,
): { firstResolvedAt?: Date; reopenedAt?: Date } {
  if ((status === 'resolved' || status === 'closed') && !before.firstResolvedAt)
    return { firstResolvedAt: at };
  const wasDone = before.status === 'resolved' || before.status === 'closed';
  if (
    wasDone &&
    status &&
    STATUS_CATEGORY[status as keyof typeof STATUS_CATEGORY] === 'open' &&
    !before.reopenedAt
  )
    return { reopenedAt: at };
  return {};
}
