import { useQuery } from '@tanstack/react-query';
import type { TPublicAsset } from '../../../../common/labels-api.ts';
import { api } from '../../api/client.ts';
import { labelKeys } from './labels-keys.ts';

/** The scan page of a label (no login). */
export const useScanPage = (code: string) =>
  useQuery({
    queryKey: labelKeys.scan(code),
    queryFn: () => api.get<TPublicAsset>(`/api/v1/public/qr/${encodeURIComponent(code)}`),
    retry: false,
  });
