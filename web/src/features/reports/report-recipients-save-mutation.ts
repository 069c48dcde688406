import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TReportRecipient, TReportRecipients } from '../../../../common/reports-api.ts';
import { api } from '../../api/client.ts';
import { reportKeys } from './report-keys.ts';

/** Replaces the recipients of the weekly and monthly reports. */
export function useSaveReportRecipients() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TReportRecipients) =>
      api.put<{ items: TReportRecipient[] }>('/api/v1/report-recipients', body),
    onSuccess: (data) => client.setQueryData(reportKeys.recipients, data),
  });
}
