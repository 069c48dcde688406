import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCannedReply } from '../../../../common/canned-replies.ts';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

/** Adds a canned reply (no id) or changes one (id and version). */
export function useCannedReplySaveMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; title: string; body: string; version?: number }) =>
      id
        ? api.patch<TCannedReply>(`/api/v1/canned-replies/${id}`, body)
        : api.post<TCannedReply>('/api/v1/canned-replies', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.cannedReplies }),
  });
}
