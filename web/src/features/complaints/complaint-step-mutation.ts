import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TComplaint } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

export type ComplaintStep =
  | 'investigate'
  | 'findings'
  | 'handle'
  | 'progress'
  | 'ask-feedback'
  | 'feedback'
  | 'close';

/** One step of the workflow, at the version read (a stale one is a 409). */
export function useComplaintStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: { step: ComplaintStep; body: Record<string, unknown> }) =>
      api.post<TComplaint>(`/api/v1/complaints/${id}/${step}`, body),
    onSuccess: (c) => {
      client.setQueryData(complaintKeys.one(id), c);
      void client.invalidateQueries({ queryKey: [complaintKeys.list] });
    },
  });
}
