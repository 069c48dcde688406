import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface TCalendarPreviewRequest {
  start: string;
  durationSeconds: number;
  pauses: { from: string; to: string }[];
}

/** When a target would be due on this calendar (nothing is stored). */
export function useCalendarPreviewMutation(calendarId: string) {
  return useMutation({
    mutationFn: (body: TCalendarPreviewRequest) =>
      api.post<{ due: string; wallClockSeconds: number }>(
        `/api/v1/sla/calendars/${calendarId}/preview`,
        body,
        false,
      ),
  });
}
