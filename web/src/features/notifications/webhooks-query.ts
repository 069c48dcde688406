import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface TWebhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  version: number;
  secretHint: string;
}

export const webhooksKeys = { all: ['webhooks'] as const };

export const useWebhooks = () =>
  useQuery({ queryKey: webhooksKeys.all, queryFn: () => api.get<TWebhook[]>('/api/v1/webhooks') });
