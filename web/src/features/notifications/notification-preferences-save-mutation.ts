import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TNotificationPreferences,
  TPutNotificationPreferencesRequest,
} from '../../../../common/notifications-api.ts';
import { api } from '../../api/client.ts';
import { notificationPreferencesKey } from './notification-preferences-query.ts';

export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutNotificationPreferencesRequest) =>
      api.put<TNotificationPreferences>('/api/v1/notifications/preferences', body),
    onSuccess: (saved) => client.setQueryData(notificationPreferencesKey, saved),
    // A stale version: show what is stored now.
    onError: () => client.invalidateQueries({ queryKey: notificationPreferencesKey }),
  });
}
