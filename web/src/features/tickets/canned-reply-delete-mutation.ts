import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export function useCannedReplyDeleteMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/canned-replies/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.cannedReplies }),
  });
}
