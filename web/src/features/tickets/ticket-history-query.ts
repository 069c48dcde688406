import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export interface TTicketHistoryEntry {
  at: string;
  actor: string;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

/** Every change of a ticket, from the audit log; read again at each new version. */
export const useTicketHistory = (ticketId: string, version: number) =>
  useQuery({
    queryKey: ticketsKeys.history(ticketId, version),
    queryFn: () => api.get<TTicketHistoryEntry[]>(`/api/v1/tickets/${ticketId}/history`),
  });
