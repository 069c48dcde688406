import { useQuery } from '@tanstack/react-query';
import type { TPortalFollowUp } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

/** The signed-in customer's organisation's follow-ups, latest first. */
export const usePortalFollowUps = () =>
  useQuery({
    queryKey: followUpKeys.portal(),
    queryFn: () => api.get<TPortalFollowUp[]>('/api/v1/portal/follow-ups'),
  });
