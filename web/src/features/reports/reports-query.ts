import { useQuery } from '@tanstack/react-query';
import type { TReportKind, TReportRunSummary } from '../../../../common/reports-api.ts';
import { api } from '../../api/client.ts';
import { reportKeys } from './report-keys.ts';

/** Generated reports, newest period first (a customer: its own projects' reports). */
export const useReports = (kind?: TReportKind) =>
  useQuery({
    queryKey: reportKeys.list(kind),
    queryFn: () =>
      api.get<{ items: TReportRunSummary[] }>(
        '/api/v1/reports',
        kind ? { kind, limit: 100 } : { limit: 100 },
      ),
  });
