import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateCaseRequest, TQualityCaseDetail } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';

/** Opens a quality case from its source (an alert, a feedback form, …). */
export function useCreateQualityCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCaseRequest) => api.post<TQualityCaseDetail>('/api/v1/quality/cases', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['quality-alerts'] });
      void client.invalidateQueries({ queryKey: ['quality-cases'] });
      void client.invalidateQueries({ queryKey: ['quality-feedback'] });
    },
  });
}
