import { useQuery } from '@tanstack/react-query';
import type { TTemplate } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

export const useMaintenanceTemplates = () =>
  useQuery({
    queryKey: maintenanceKeys.templates(),
    queryFn: () => api.get<TTemplate[]>('/api/v1/maintenance/templates'),
  });
