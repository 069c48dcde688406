import { useQuery } from '@tanstack/react-query';
import type { TNotificationDefaults } from '../../../../common/notifications-api.ts';
import { api } from '../../api/client.ts';

export const notificationDefaultsKey = ['notification-defaults'];

/** The organisation's default channels per kind of notification (administrators). */
export function useNotificationDefaults() {
  return useQuery({
    queryKey: notificationDefaultsKey,
    queryFn: () => api.get<TNotificationDefaults>('/api/v1/notifications/defaults'),
  });
}
