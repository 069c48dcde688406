import { useQuery } from '@tanstack/react-query';
import type { TCompanyProfile } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';

export const companyProfileKey = ['company-profile'] as const;

export const useCompanyProfile = () =>
  useQuery({ queryKey: companyProfileKey, queryFn: () => api.get<TCompanyProfile>('/api/v1/company') });
