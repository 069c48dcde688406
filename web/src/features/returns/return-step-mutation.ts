import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TDecideReturnRequest,
  TInspectReturnRequest,
  TReceiveReturnRequest,
  TReturnDetail,
} from '../../../../common/returns-api.ts';
import { api } from '../../api/client.ts';
import { returnsKeys } from './returns-keys.ts';

type Step =
  | { step: 'inspection'; body: TInspectReturnRequest }
  | { step: 'decision'; body: TDecideReturnRequest }
  | { step: 'receipt'; body: TReceiveReturnRequest };

/** One step of a return: the inspection, the manager's decision, or the unit into stock. */
export function useReturnStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (s: Step) => api.post<TReturnDetail>(`/api/v1/returns/${id}/${s.step}`, s.body, false),
    onSuccess: (data) => {
      client.setQueryData(returnsKeys.detail(id), data);
      void client.invalidateQueries({ queryKey: ['returns'] });
    },
  });
}
