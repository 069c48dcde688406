import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { type TWebhook, webhooksKeys } from './webhooks-query.ts';

/** Adds a webhook; the answer carries its signing secret, shown this once. */
export function useWebhookCreateMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<TWebhook & { secret: string }>('/api/v1/webhooks', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: webhooksKeys.all });
    },
  });
}
