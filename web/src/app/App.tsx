import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { meQueryOptions } from '../features/auth/me-query.ts';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';

// Every first screen needs to know who is logged in: ask while the page's code is still loading.
void queryClient.prefetchQuery(meQueryOptions);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

/**
 * Resolves when the app can draw the screen the address names (its route's code and data loaded, the
 * user known): main.tsx waits for it before replacing the server's markup of the screen, so the page
 * goes from the server's rows to the live ones without a loading screen between.
 */
export function screenReady(): Promise<unknown> {
  const routed = new Promise<void>((resolve) => {
    if (router.state.initialized) return resolve();
    const stop = router.subscribe((state) => {
      if (!state.initialized) return;
      stop();
      resolve();
    });
  });
  return Promise.all([routed, queryClient.ensureQueryData(meQueryOptions).catch(() => null)]);
}
