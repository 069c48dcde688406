import { useQuery } from '@tanstack/react-query';
import type { TFollowUpReport } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

export const useFollowUpReport = (from: string, to: string) =>
  useQuery({
    queryKey: followUpKeys.report(from, to),
    queryFn: () => api.get<TFollowUpReport>('/api/v1/followups/report', { from, to }),
    enabled: from <= to,
  });
