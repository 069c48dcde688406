import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Recomputes SLA targets from history: one ticket, or those opened in a range. */
export function useSlaRecomputeMutation() {
  return useMutation({
    mutationFn: (body: { ticketId: string } | { from: string; to: string } | Record<string, never>) =>
      api.post<{ tickets: number; deadlinesChanged: number }>('/api/v1/sla/recompute', body, false),
  });
}
