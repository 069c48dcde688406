import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useRoles() {
  return useQuery({
    queryKey: usersKeys.roles,
    queryFn: () => api.get<{ role: string; permissions: string[] }[]>('/api/v1/roles'),
  });
}
