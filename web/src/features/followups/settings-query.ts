import { useQuery } from '@tanstack/react-query';
import type { TFollowUpSettings } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

export const useFollowUpSettings = () =>
  useQuery({
    queryKey: followUpKeys.settings(),
    queryFn: () => api.get<TFollowUpSettings>('/api/v1/followups/settings'),
  });
