import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TMe, ZUpdateProfileRequest } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { meQueryKey } from './me-query.ts';

export function useUpdateProfileMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof ZUpdateProfileRequest>) => api.patch<TMe>('/api/v1/me', body),
    onSuccess: (me) => client.setQueryData(meQueryKey, me),
  });
}
