import { useQuery } from '@tanstack/react-query';
import type { TMaintenanceSettings } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

export const useMaintenanceSettings = () =>
  useQuery({
    queryKey: maintenanceKeys.settings(),
    queryFn: () => api.get<TMaintenanceSettings>('/api/v1/maintenance/settings'),
  });
