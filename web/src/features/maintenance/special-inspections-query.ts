import { useQuery } from '@tanstack/react-query';
import type { TVisitWorkOrder } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { campaignKeys } from './campaign-keys.ts';

/** The special inspections started from a ticket. */
export const useSpecialInspections = (ticketId: string) =>
  useQuery({
    queryKey: campaignKeys.special(ticketId),
    queryFn: () => api.get<TVisitWorkOrder[]>(`/api/v1/tickets/${ticketId}/special-inspections`),
  });
