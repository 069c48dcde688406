import type { TComplaintStatus } from '../../../../common/complaints-api.ts';

export const statusColor: Record<TComplaintStatus, string> = {
  accepted: 'blue',
  investigating: 'gold',
  handled: 'cyan',
  feedback: 'purple',
  satisfied: 'green',
  closed: 'default',
};
