import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZRoleInfo } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useRoles() {
  return useQuery({
    queryKey: usersKeys.roles,
    queryFn: () => api.get<z.infer<typeof ZRoleInfo>[]>('/api/v1/roles'),
  });
}
