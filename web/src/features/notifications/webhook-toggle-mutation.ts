import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { type TWebhook, webhooksKeys } from './webhooks-query.ts';

/** Switches a webhook on or off. */
export function useWebhookToggleMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (w: TWebhook) =>
      api.patch<TWebhook>(`/api/v1/webhooks/${w.id}`, { version: w.version, active: !w.active }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksKeys.all }),
  });
}
