import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TCharges, TChargesQuery } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

/** The charge sheet; with `entered`, a preview priced with the time and kilometres being entered. */
export const useWorkOrderCharges = (workOrderId: string, entered: TChargesQuery = {}) => {
  const q = new URLSearchParams();
  if (entered.timeSpentMinutes != null) q.set('timeSpentMinutes', String(entered.timeSpentMinutes));
  if (entered.travelKm != null) q.set('travelKm', String(entered.travelKm));
  const search = q.toString();
  return useQuery({
    queryKey: [workOrdersKey, 'charges', workOrderId, search],
    queryFn: () =>
      api.get<TCharges>(`/api/v1/work-orders/${workOrderId}/charges${search ? `?${search}` : ''}`),
    placeholderData: keepPreviousData,
  });
};
