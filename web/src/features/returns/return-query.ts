import { useQuery } from '@tanstack/react-query';
import type { TReturnDetail } from '../../../../common/returns-api.ts';
import { api } from '../../api/client.ts';
import { returnsKeys } from './returns-keys.ts';

export const useReturn = (id: string) =>
  useQuery({
    queryKey: returnsKeys.detail(id),
    queryFn: () => api.get<TReturnDetail>(`/api/v1/returns/${id}`),
  });
