import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TEngineerProfile, TSaveProfileRequest } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

export function useSaveEngineerProfile(onSaved: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: TSaveProfileRequest & { userId: string }) =>
      api.put<TEngineerProfile>(`/api/v1/engineers/${userId}/profile`, body),
    onSuccess: () => {
      onSaved();
      void client.invalidateQueries({ queryKey: [workOrdersKey] });
    },
  });
}
