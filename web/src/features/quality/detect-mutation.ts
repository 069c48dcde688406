import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TDetectionResult } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';

/** Runs the early warning now. */
export function useDetectNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TDetectionResult>('/api/v1/quality/detect', {}, false),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['quality-alerts'] }),
  });
}
