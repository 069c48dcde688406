import { useQuery } from '@tanstack/react-query';
import type { TWorkbench } from '../../../../common/workbench-api.ts';
import { api } from '../../api/client.ts';

export const workbenchKey = 'workbench';

/** The caller's workbench; refreshed by the live stream (see live-updates.ts). */
export const useWorkbench = () =>
  useQuery({
    queryKey: [workbenchKey],
    queryFn: () => api.get<TWorkbench>('/api/v1/workbench'),
  });
