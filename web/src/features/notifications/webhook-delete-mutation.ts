import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { webhooksKeys } from './webhooks-query.ts';

export function useWebhookDeleteMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/v1/webhooks/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksKeys.all }),
  });
}
