import { useMutation } from '@tanstack/react-query';
import type { TChangePasswordRequest } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';

export function useChangePasswordMutation() {
  return useMutation({
    mutationFn: (body: TChangePasswordRequest) =>
      api.post<{ endedSessions: number }>('/api/v1/me/password', body, false),
  });
}
