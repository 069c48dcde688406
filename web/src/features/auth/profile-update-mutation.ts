import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TMe } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { meQueryKey } from './me-query.ts';

export function useUpdateProfileMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { displayName?: string; email?: string | null; locale?: 'zh-CN' | 'en' }) =>
      api.patch<TMe>('/api/v1/me', body),
    onSuccess: (me) => client.setQueryData(meQueryKey, me),
  });
}
