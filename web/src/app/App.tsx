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
