import { useQuery } from '@tanstack/react-query';
import type { TComplaintSettings } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

export const useComplaintSettings = () =>
  useQuery({
    queryKey: complaintKeys.settings(),
    queryFn: () => api.get<TComplaintSettings>('/api/v1/complaints/settings'),
  });
