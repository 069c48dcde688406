import { useQuery } from '@tanstack/react-query';
import type { TTracking } from '../../../../common/labels-api.ts';
import { api } from '../../api/client.ts';
import { labelKeys } from './labels-keys.ts';

/** A report's progress by its signed link, refreshed while the page is open. */
export const useTracking = (token: string) =>
  useQuery({
    queryKey: labelKeys.tracking(token),
    queryFn: () => api.get<TTracking>(`/api/v1/public/qr/track/${encodeURIComponent(token)}`),
    retry: false,
    refetchInterval: 15_000,
  });
