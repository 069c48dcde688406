// The engineer's actions on a visit, kept on the phone until the server has them: each action gets
// its id and its time when the button is pressed; the queue is sent in order when the network is
// there, and a resent action is recorded once by the server (same id).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';

const KEY = 'aftercare.visit-queue';

export interface QueuedStage {
  workOrderId: string;
  /** Another address for the action (a maintenance checklist answer); default: the visit's events. */
  path?: string;
  /** The action's id when its body has no `clientEventId` of its own. */
  key?: string;
  body: {
    clientEventId: string;
    stage: string;
    at: string;
    lat?: number | null;
    lng?: number | null;
    note?: string | null;
    data?: Record<string, unknown> | null;
    skipReason?: string;
  };
}

const read = (): QueuedStage[] => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
};
const write = (q: QueuedStage[]) => localStorage.setItem(KEY, JSON.stringify(q));

const idOf = (q: QueuedStage) => q.key ?? q.body.clientEventId;

let flushing: Promise<void> | null = null;

/** Sends what is queued, in order; stops at the first network failure (tries again later). */
async function flush(onRejected: (err: ApiError, item: QueuedStage) => void): Promise<void> {
  for (;;) {
    const [next] = read();
    if (!next) return;
    try {
      await api.post(next.path ?? `/api/v1/work-orders/${next.workOrderId}/events`, next.body, false);
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) onRejected(err, next);
      else return; // offline or the server is away: keep it
    }
    write(read().filter((q) => idOf(q) !== idOf(next)));
  }
}

export function useVisitQueue(onRejected: (err: ApiError) => void) {
  const client = useQueryClient();
  const [pending, setPending] = useState(() => read().length);
  const [online, setOnline] = useState(() => navigator.onLine);
  const sync = useCallback(async () => {
    // A flush already under way may have finished reading the queue before our action was added:
    // go again while the queue shrinks.
    for (let before = Number.POSITIVE_INFINITY; read().length && read().length < before; ) {
      before = read().length;
      flushing ??= flush((err) => onRejected(err)).finally(() => {
        flushing = null;
      });
      await flushing;
    }
    setPending(read().length);
    void client.invalidateQueries({ queryKey: ['work-orders'] });
    void client.invalidateQueries({ queryKey: ['tickets'] });
    void client.invalidateQueries({ queryKey: ['maintenance-visit'] });
  }, [client, onRejected]);
  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = setInterval(() => void sync(), 15_000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [sync]);
  /** Records an action now (its time is now), then tries to send it. */
  const record = useCallback(
    async (
      workOrderId: string,
      stage: string,
      extra: Omit<QueuedStage['body'], 'clientEventId' | 'stage' | 'at'> = {},
    ) => {
      const item: QueuedStage = {
        workOrderId,
        body: { clientEventId: crypto.randomUUID(), stage, at: new Date().toISOString(), ...extra },
      };
      write([...read(), item]);
      setPending(read().length);
      await sync();
    },
    [sync],
  );
  /** Queues any other action of the visit (its own id inside `body`), then tries to send it. */
  const enqueue = useCallback(
    async (workOrderId: string, path: string, key: string, body: Record<string, unknown>) => {
      write([...read(), { workOrderId, path, key, body: body as QueuedStage['body'] }]);
      setPending(read().length);
      await sync();
    },
    [sync],
  );
  return { pending, online, record, enqueue, sync };
}

/** The phone's position if it gives it within a few seconds; otherwise none. */
export function position(): Promise<{ lat: number; lng: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 3000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { timeout: 3000, maximumAge: 60_000 },
    );
  });
}
