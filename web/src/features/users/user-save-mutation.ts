import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateUserRequest, TUpdateUserRequest, TUser } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useSaveUserMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: TCreateUserRequest | TUpdateUserRequest }) =>
      input.id
        ? api.patch<TUser>(`/api/v1/users/${input.id}`, input.body)
        : api.post<TUser>('/api/v1/users', input.body),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
