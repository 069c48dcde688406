import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateDateRequest, TDateRequest } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { campaignKeys } from './campaign-keys.ts';

/** The customer asks for another date for a visit. */
export function useDateRequestCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateDateRequest & { visitId: string }) =>
      api.post<TDateRequest>('/api/v1/maintenance/date-requests', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: campaignKeys.upcoming() }),
  });
}
