import { useQuery } from '@tanstack/react-query';
import type { TFollowUp } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

export const useFollowUps = () =>
  useQuery({
    queryKey: [workOrdersKey, 'follow-ups'],
    queryFn: () => api.get<TFollowUp[]>('/api/v1/follow-ups'),
  });
