import { useQuery } from '@tanstack/react-query';
import type { TReportRecipient } from '../../../../common/reports-api.ts';
import { api } from '../../api/client.ts';
import { reportKeys } from './report-keys.ts';

/** Who receives the weekly and monthly reports. */
export const useReportRecipients = (enabled: boolean) =>
  useQuery({
    queryKey: reportKeys.recipients,
    queryFn: () => api.get<{ items: TReportRecipient[] }>('/api/v1/report-recipients'),
    enabled,
  });
