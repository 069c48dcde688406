import { useQuery } from '@tanstack/react-query';
import type { TPartDetail } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** A part with its stock by location and batch, and its reorder rules. */
export const usePart = (id: string | undefined) =>
  useQuery({
    queryKey: [partsKey, 'one', id],
    queryFn: () => api.get<TPartDetail>(`/api/v1/parts/${id}`),
  });
