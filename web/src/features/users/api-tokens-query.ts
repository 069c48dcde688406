import { useQuery } from '@tanstack/react-query';
import type { TApiToken } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useApiTokens() {
  return useQuery({
    queryKey: usersKeys.apiTokens,
    queryFn: () => api.get<TApiToken[]>('/api/v1/api-tokens'),
  });
}
