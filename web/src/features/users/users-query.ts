import type { TUser } from '../../../../common/api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';
import { usersKey } from './users-keys.ts';

export function useUsers(filters: { q?: string; kind?: string; role?: string }) {
  return useCursorList<TUser>(usersKey, '/api/v1/users', filters);
}
