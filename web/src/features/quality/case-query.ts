import { useQuery } from '@tanstack/react-query';
import type { TQualityCaseDetail } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

export const useQualityCase = (id: string) =>
  useQuery({
    queryKey: qualityKeys.case(id),
    queryFn: () => api.get<TQualityCaseDetail>(`/api/v1/quality/cases/${id}`),
  });
