import { useQuery } from '@tanstack/react-query';
import type { TCannedReply } from '../../../../common/canned-replies.ts';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

/** The service desk's canned replies, by title; they change rarely. */
export const useCannedReplies = (enabled = true) =>
  useQuery({
    queryKey: ticketsKeys.cannedReplies,
    queryFn: () => api.get<TCannedReply[]>('/api/v1/canned-replies'),
    enabled,
    staleTime: 60_000,
  });
