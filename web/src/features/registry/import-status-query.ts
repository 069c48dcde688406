import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface TImportStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  processedRows: number;
  totalRows: number;
  importedRows: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  message: string | null;
}

/** An Excel import's progress, polled every second until it has finished. */
export const useImportStatus = (importId: string | null) =>
  useQuery({
    queryKey: ['import', importId],
    queryFn: () => api.get<TImportStatus>(`/api/v1/imports/${importId}`),
    enabled: Boolean(importId),
    refetchInterval: (q) =>
      q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 1000,
  });
