import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TMailLogEntry } from '../../../../common/mail-log-api.ts';
import { api } from '../../api/client.ts';
import { MAIL_LOG_KEY } from './mail-log-query.ts';

export function useMailResend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TMailLogEntry>(`/api/v1/mail-log/${id}/resend`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: [MAIL_LOG_KEY] }),
  });
}
