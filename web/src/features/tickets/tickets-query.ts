import type { TTicket } from '../../../../common/tickets-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';
import { ticketsKey } from './tickets-keys.ts';

export const useTickets = (filters: Record<string, string | undefined>) =>
  useCursorList<TTicket>(ticketsKey, '/api/v1/tickets', filters);
