import { useQuery } from '@tanstack/react-query';
import type { TFeedbackForm } from '../../../../common/quality-api.ts';
import { ApiError, api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

/** The work order's feedback form, or null while it is not filled. */
export const useWorkOrderFeedback = (workOrderId: string, enabled: boolean) =>
  useQuery({
    queryKey: qualityKeys.workOrderFeedback(workOrderId),
    enabled,
    queryFn: async () => {
      try {
        return await api.get<TFeedbackForm>(`/api/v1/work-orders/${workOrderId}/feedback`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
