import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface VanStockLine {
  partId: string;
  partNumber: string;
  partName: string;
  onHand: number;
  reserved: number;
  condition: string;
}

/** What the engineer's van holds. */
export const useVanStock = (vanId: string | undefined) =>
  useQuery({
    queryKey: ['parts', 'location', vanId],
    queryFn: () => api.get<VanStockLine[]>(`/api/v1/stock/locations/${vanId}/stock`),
    enabled: Boolean(vanId),
  });
