import { useInfiniteQuery } from '@tanstack/react-query';
import type { TLedgerPage } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** A part's ledger, newest first, 50 lines a page. */
export const usePartLedger = (id: string | undefined) =>
  useInfiniteQuery({
    queryKey: [partsKey, 'ledger', id],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get<TLedgerPage>(`/api/v1/parts/${id}/movements`, { before: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
