import { useQuery } from '@tanstack/react-query';
import type { TEngineerSuggestion } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

export const useEngineerSuggestions = (workOrderId: string, enabled: boolean) =>
  useQuery({
    queryKey: [workOrdersKey, 'suggestions', workOrderId],
    queryFn: () => api.get<TEngineerSuggestion[]>(`/api/v1/work-orders/${workOrderId}/suggestions`),
    enabled,
  });
