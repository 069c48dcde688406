import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TMaintenanceSettings,
  TUpdateMaintenanceSettingsRequest,
} from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** Saves the settings at the version they were read (templates show the intervals in force). */
export function useMaintenanceSettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateMaintenanceSettingsRequest) =>
      api.put<TMaintenanceSettings>('/api/v1/maintenance/settings', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: maintenanceKeys.all() });
    },
  });
}
