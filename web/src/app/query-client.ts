import { QueryClient } from '@tanstack/react-query';

/** The app's one query cache: the router's loaders fill it while a screen's code is still loading. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
