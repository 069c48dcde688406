import { useQuery } from '@tanstack/react-query';
import type { TComplaint } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

export const useComplaint = (id: string | undefined) =>
  useQuery({
    queryKey: complaintKeys.one(id ?? ''),
    queryFn: () => api.get<TComplaint>(`/api/v1/complaints/${id}`),
    enabled: Boolean(id),
  });
