import { useQuery } from '@tanstack/react-query';
import type { TMailLogDetail, TMailLogEntry } from '../../../../common/mail-log-api.ts';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const MAIL_LOG_KEY = 'mail-log';

export const useMailLog = (filters: Record<string, string | undefined>) =>
  useCursorList<TMailLogEntry>(MAIL_LOG_KEY, '/api/v1/mail-log', filters);

export const useMailLogEntry = (id: string | undefined) =>
  useQuery({
    queryKey: [MAIL_LOG_KEY, 'one', id],
    queryFn: () => api.get<TMailLogDetail>(`/api/v1/mail-log/${id}`),
    enabled: Boolean(id),
  });
