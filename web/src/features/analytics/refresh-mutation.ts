import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** Bring the rollups up to date now, then reload the figures. */
export const useAnalyticsRefresh = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/v1/analytics/refresh'),
    onSuccess: () => client.invalidateQueries({ queryKey: analyticsKeys.all() }),
  });
};
