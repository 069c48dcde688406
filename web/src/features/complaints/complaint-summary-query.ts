import { useQuery } from '@tanstack/react-query';
import type { TComplaintSummary } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

export const useComplaintSummary = (from: string, to: string) =>
  useQuery({
    queryKey: complaintKeys.summary(from, to),
    queryFn: () => api.get<TComplaintSummary>('/api/v1/complaints/summary', { from, to }),
  });
