import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TApiToken, TCreateUserRequest, TUpdateUserRequest, TUser } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const usersKey = 'users';

export function useUsers(filters: { q?: string; kind?: string; role?: string }) {
  return useCursorList<TUser>(usersKey, '/api/v1/users', filters);
}

export function useSaveUserMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: TCreateUserRequest | TUpdateUserRequest }) =>
      input.id
        ? api.patch<TUser>(`/api/v1/users/${input.id}`, input.body)
        : api.post<TUser>('/api/v1/users', input.body),
    onSuccess: () => client.invalidateQueries({ queryKey: [usersKey] }),
  });
}

export function useResetPasswordMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; newPassword: string }) =>
      api.post<TUser>(
        `/api/v1/users/${input.id}/reset-password`,
        { version: input.version, newPassword: input.newPassword },
        false,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: [usersKey] }),
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<{ role: string; permissions: string[] }[]>('/api/v1/roles'),
  });
}

export function useApiTokens() {
  return useQuery({ queryKey: ['api-tokens'], queryFn: () => api.get<TApiToken[]>('/api/v1/api-tokens') });
}

export function useCreateApiTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: string; expiresAt?: string | null }) =>
      api.post<TApiToken & { token: string }>('/api/v1/api-tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export function useRevokeApiTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<TApiToken>(`/api/v1/api-tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}
