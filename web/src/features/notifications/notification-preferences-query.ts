import { useQuery } from '@tanstack/react-query';
import type { TNotificationPreferences } from '../../../../common/notifications-api.ts';
import { api } from '../../api/client.ts';

export const notificationPreferencesKey = ['notification-preferences'];

/** The signed-in user's own channels per kind of notification. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationPreferencesKey,
    queryFn: () => api.get<TNotificationPreferences>('/api/v1/notifications/preferences'),
  });
}
