import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Staff who may keep a location (the staff directory), loaded only for those who manage locations. */
export const useKeeperCandidates = (enabled: boolean) =>
  useQuery({
    queryKey: ['staff-directory'],
    queryFn: () => api.get<{ id: string; displayName: string }[]>('/api/v1/staff-directory'),
    enabled,
  });
