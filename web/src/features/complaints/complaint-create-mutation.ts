import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TComplaint } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

/** Accepts a complaint (staff) or files one (portal); the POST carries an idempotency key. */
export function useComplaintCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<TComplaint>('/api/v1/complaints', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: [complaintKeys.list] }),
  });
}
