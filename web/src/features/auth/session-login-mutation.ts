import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TLoginRequest, TMe } from '../../../../common/api.ts';
import { api, setCsrfToken } from '../../api/client.ts';
import { meQueryKey } from './me-query.ts';

export function useLoginMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) => api.post<TMe>('/api/v1/auth/login', body, false),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(meQueryKey, me);
    },
  });
}
