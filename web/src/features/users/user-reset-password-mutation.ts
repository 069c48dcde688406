import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TUser } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useResetPasswordMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; newPassword: string }) =>
      api.post<TUser>(
        `/api/v1/users/${input.id}/reset-password`,
        { version: input.version, newPassword: input.newPassword },
        false,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
