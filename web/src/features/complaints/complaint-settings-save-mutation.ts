import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TComplaintSettings,
  TUpdateComplaintSettingsRequest,
} from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

export function useComplaintSettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateComplaintSettingsRequest) =>
      api.put<TComplaintSettings>('/api/v1/complaints/settings', body),
    onSuccess: (s) => client.setQueryData(complaintKeys.settings(), s),
  });
}
