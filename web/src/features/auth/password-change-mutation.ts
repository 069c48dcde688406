import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export function useChangePasswordMutation() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ endedSessions: number }>('/api/v1/me/password', body, false),
  });
}
