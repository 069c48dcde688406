import { useQuery } from '@tanstack/react-query';
import type { TCampaignDetail } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { campaignKeys } from './campaign-keys.ts';

/** A campaign's visits (the board's drill-down), optionally in one state. */
export const useCampaign = (id: string | null, state?: string) =>
  useQuery({
    queryKey: campaignKeys.campaign(id ?? '', state),
    enabled: Boolean(id),
    queryFn: () => api.get<TCampaignDetail>(`/api/v1/maintenance/campaigns/${id}`, { state }),
  });
