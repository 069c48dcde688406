import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCompanyProfile, TUpdateCompanyProfileRequest } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { companyProfileKey } from './company-profile-query.ts';

export function useSaveCompanyProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateCompanyProfileRequest) => api.put<TCompanyProfile>('/api/v1/company', body),
    onSuccess: (saved) => client.setQueryData(companyProfileKey, saved),
  });
}
