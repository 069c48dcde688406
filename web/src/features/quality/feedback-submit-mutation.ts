import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFeedbackForm, TSubmitFeedbackRequest } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

/** The engineer submits the work order's field feedback form. */
export function useSubmitFeedback(workOrderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSubmitFeedbackRequest) =>
      api.post<TFeedbackForm>(`/api/v1/work-orders/${workOrderId}/feedback`, body),
    onSuccess: (data) => client.setQueryData(qualityKeys.workOrderFeedback(workOrderId), data),
  });
}
