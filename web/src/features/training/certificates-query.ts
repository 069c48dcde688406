import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCertificate } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export const useCertificates = () =>
  useQuery({
    queryKey: trainingKeys.certificates(),
    queryFn: () => api.get<TCertificate[]>('/api/v1/training/certificates'),
  });

export function useRevoke() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      api.post<TCertificate>(`/api/v1/training/certificates/${v.id}/revoke`, { reason: v.reason }, false),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.certificates() }),
  });
}
