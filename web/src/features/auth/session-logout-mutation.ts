import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client.ts';
import { meQueryKey } from './me-query.ts';

export function useLogoutMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout', undefined, false),
    onSettled: () => {
      setCsrfToken('');
      client.clear();
      client.setQueryData(meQueryKey, null);
    },
  });
}
