import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TNotificationDefaults,
  TPutNotificationDefaultsRequest,
} from '../../../../common/notifications-api.ts';
import { api } from '../../api/client.ts';
import { notificationDefaultsKey } from './notification-defaults-query.ts';
import { notificationPreferencesKey } from './notification-preferences-query.ts';

export function useSaveNotificationDefaults() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutNotificationDefaultsRequest) =>
      api.put<TNotificationDefaults>('/api/v1/notifications/defaults', body),
    onSuccess: (saved) => {
      client.setQueryData(notificationDefaultsKey, saved);
      // The administrator's own preferences show the defaults too.
      client.invalidateQueries({ queryKey: notificationPreferencesKey });
    },
    // A stale version: show what is stored now.
    onError: () => client.invalidateQueries({ queryKey: notificationDefaultsKey }),
  });
}
