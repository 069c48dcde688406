import { useQuery } from '@tanstack/react-query';
import type { TFollowUp } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

/** The call list of a day: the caller's own, or (managers) an agent's or the unassigned ones. */
export const useCallList = (date: string, agentId?: string) =>
  useQuery({
    queryKey: followUpKeys.callList(date, agentId),
    queryFn: () => api.get<TFollowUp[]>('/api/v1/followups/call-list', { date, agentId }),
  });
