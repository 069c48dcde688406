import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export interface TPortalSession {
  id: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  seatLimit: number;
  seatsLeft: number;
  mine: { traineeId: string; name: string; status: 'enrolled' | 'waiting' }[];
}

export const usePortalSessions = () =>
  useQuery({
    queryKey: trainingKeys.portalSessions(),
    queryFn: () => api.get<TPortalSession[]>('/api/v1/portal/training/sessions'),
  });

export function useEnrol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { sessionId: string; name: string; phone: string }) =>
      api.post<TPortalSession>(`/api/v1/portal/training/sessions/${v.sessionId}/enrol`, {
        name: v.name,
        phone: v.phone,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.portalSessions() }),
  });
}

export function useEnrolmentCancel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (traineeId: string) =>
      api.delete<TPortalSession[]>(`/api/v1/portal/training/enrolments/${traineeId}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.portalSessions() }),
  });
}
