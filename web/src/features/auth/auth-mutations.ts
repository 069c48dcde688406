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

export function useChangePasswordMutation() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ endedSessions: number }>('/api/v1/me/password', body, false),
  });
}

export function useUpdateProfileMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { displayName?: string; email?: string | null; locale?: 'zh-CN' | 'en' }) =>
      api.patch<TMe>('/api/v1/me', body),
    onSuccess: (me) => client.setQueryData(meQueryKey, me),
  });
}
