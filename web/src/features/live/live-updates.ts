import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Listens to the server's live stream (Server-Sent Events) and refreshes what changed. Events carry
 * only ids; the data is refetched through the API, with its permissions.
 */
export function useLiveUpdates(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/live');
    source.addEventListener('ticket', () => {
      void client.invalidateQueries({ queryKey: ['tickets'] });
      void client.invalidateQueries({ queryKey: ['workbench'] });
    });
    // The workbench's figures (jobs, loads, breaches) follow tickets and work orders.
    source.addEventListener('work_order', () => {
      void client.invalidateQueries({ queryKey: ['workbench'] });
    });
    source.addEventListener('notification', () => {
      void client.invalidateQueries({ queryKey: ['notifications'] });
    });
    return () => source.close();
  }, [enabled, client]);
}
