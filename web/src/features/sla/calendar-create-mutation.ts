import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TCalendar, TCalendarFields } from './calendars-query.ts';
import { slaKeys } from './sla-keys.ts';

export function useCalendarCreateMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCalendarFields) => api.post<TCalendar>('/api/v1/sla/calendars', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: slaKeys.calendars() });
    },
  });
}
