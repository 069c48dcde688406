import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TReportKind, TReportRun } from '../../../../common/reports-api.ts';
import { api } from '../../api/client.ts';
import { reportKeys } from './report-keys.ts';

/** Generates a report of a week or month now (again, if it exists). */
export function useGenerateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: TReportKind; period: string; email: boolean }) =>
      api.post<TReportRun>('/api/v1/reports', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: reportKeys.all }),
  });
}
