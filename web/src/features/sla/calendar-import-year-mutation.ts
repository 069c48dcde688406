import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TCalendar } from './calendars-query.ts';
import { slaKeys } from './sla-keys.ts';

export interface TImportYearRequest {
  year: number;
  days: { date: string; name: string; kind: string }[];
}

/** Replaces one year's public holidays and make-up working days (调休) of a calendar. */
export function useCalendarImportYearMutation(calendar: TCalendar) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TImportYearRequest) =>
      api.post<TCalendar>(`/api/v1/sla/calendars/${calendar.id}/import-year`, {
        ...body,
        version: calendar.version,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: slaKeys.calendars() });
    },
  });
}
