import { useQuery } from '@tanstack/react-query';
import type { TCampaign } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { campaignKeys } from './campaign-keys.ts';

/** The campaign board: each campaign with its counts. */
export const useCampaigns = () =>
  useQuery({
    queryKey: campaignKeys.campaigns(),
    queryFn: () => api.get<TCampaign[]>('/api/v1/maintenance/campaigns'),
  });
