import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export interface TRoutingRule {
  id: string;
  position: number;
  kind: string | null;
  faultCategory: string | null;
  productCategory: string | null;
  region: string | null;
  team: string;
  assigneeId: string | null;
  active: boolean;
  version: number;
}

export const useRoutingRules = () =>
  useQuery({
    queryKey: ticketsKeys.routingRules,
    queryFn: () => api.get<TRoutingRule[]>('/api/v1/routing-rules'),
  });
