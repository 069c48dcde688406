import { useQuery } from '@tanstack/react-query';
import type { TDateRequest } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { campaignKeys } from './campaign-keys.ts';

/** Customers' date requests for the dispatcher. */
export const useDateRequests = (status?: string) =>
  useQuery({
    queryKey: campaignKeys.dateRequests(status),
    queryFn: () => api.get<TDateRequest[]>('/api/v1/maintenance/date-requests', { status }),
  });
