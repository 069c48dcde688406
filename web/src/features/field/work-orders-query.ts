import { useQuery } from '@tanstack/react-query';
import type { TListWorkOrdersQuery, TWorkOrderListItem } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';

export const workOrdersKey = 'work-orders';

export const useWorkOrders = (query: Partial<TListWorkOrdersQuery>, enabled = true) =>
  useQuery({
    queryKey: [workOrdersKey, query],
    queryFn: () =>
      api.get<TWorkOrderListItem[]>('/api/v1/work-orders', {
        queue: query.queue,
        ticketId: query.ticketId,
        limit: query.limit === undefined ? undefined : String(query.limit),
      }),
    enabled,
  });

/** A navigation link for an address (AMap works on Chinese phones and desktops alike). */
export const navigationUrl = (address: string) =>
  `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;
