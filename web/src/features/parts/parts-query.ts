import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface StockLocation {
  id: string;
  code: string;
  name: string;
  kind: 'central' | 'regional' | 'van';
  keeperId: string | null;
  region: string | null;
  active: boolean;
  version: number;
  visible: boolean;
}

export interface Part {
  id: string;
  partNumber: string;
  name: string;
  specification: string | null;
  unit: string;
  genuine: boolean;
  wearing: boolean;
  costFen: number | null;
  factoryPriceFen: number | null;
  salePriceFen: number | null;
  shelfLifeMonths: number | null;
  fitsProductIds: string[];
  photoIds: string[];
  active: boolean;
  version: number;
  stock?: { onHand: number; available: number; defective: number };
}

export const partsKey = 'parts';

export const useLocations = () =>
  useQuery({
    queryKey: [partsKey, 'locations'],
    queryFn: () => api.get<StockLocation[]>('/api/v1/stock/locations'),
  });

/** A stock movement (receipt, transfer, issue…): everything about parts is refreshed after it. */
export function useStockMutation<TBody>(
  path: (b: TBody) => string,
  bodyOf: (b: TBody) => unknown = (b) => b,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TBody) =>
      api.post<{ warnings?: { batchCode: string; shelfWarrantyEndedOn: string }[] }>(
        path(input),
        bodyOf(input),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}

export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2);
