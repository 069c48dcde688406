import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface TStaffMember {
  id: string;
  displayName: string;
  roles: string[];
}

export const staffDirectoryKeys = {
  all: ['staff-directory'] as const,
  /** The same list cached per team, so a ticket moved to another team reads it again. */
  forTeam: (team: string | null) => ['staff-directory', team] as const,
};

/** Active staff (names and roles), for choosing assignees and engineers. */
export function useStaffDirectory(
  options: { enabled?: boolean; staleTime?: number; team?: string | null } = {},
) {
  return useQuery({
    queryKey: options.team === undefined ? staffDirectoryKeys.all : staffDirectoryKeys.forTeam(options.team),
    queryFn: () => api.get<TStaffMember[]>('/api/v1/staff-directory'),
    enabled: options.enabled ?? true,
    staleTime: options.staleTime,
  });
}
