import { useQuery } from '@tanstack/react-query';
import type { TUpcomingVisit } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { campaignKeys } from './campaign-keys.ts';

/** The customer's upcoming visits (portal). */
export const useUpcomingVisits = () =>
  useQuery({
    queryKey: campaignKeys.upcoming(),
    queryFn: () => api.get<TUpcomingVisit[]>('/api/v1/maintenance/upcoming-visits'),
  });
