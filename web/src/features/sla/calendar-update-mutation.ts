import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TCalendar, TCalendarFields } from './calendars-query.ts';
import { slaKeys } from './sla-keys.ts';

/** Changes a calendar at the version it was read. */
export function useCalendarUpdateMutation(calendar: TCalendar) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TCalendarFields>) =>
      api.patch<TCalendar>(`/api/v1/sla/calendars/${calendar.id}`, { ...body, version: calendar.version }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: slaKeys.calendars() });
    },
  });
}
