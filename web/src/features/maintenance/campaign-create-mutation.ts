import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TCampaignDetail,
  TCampaignPreview,
  TCampaignSelectionInput,
  TCreateCampaignInput,
} from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from '../field/work-orders-query.ts';
import { campaignKeys } from './campaign-keys.ts';

/** Creates a campaign and its visits (one request, with an idempotency key for a retry). */
export function useCampaignCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCampaignInput) =>
      api.post<TCampaignDetail>('/api/v1/maintenance/campaigns', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: campaignKeys.campaigns() });
      void client.invalidateQueries({ queryKey: [workOrdersKey] });
    },
  });
}

/** How many sites and assets a selection covers (writes nothing). */
export function useCampaignPreview() {
  return useMutation({
    mutationFn: (selection: TCampaignSelectionInput) =>
      api.post<TCampaignPreview>('/api/v1/maintenance/campaigns/preview', { selection }, false),
  });
}
