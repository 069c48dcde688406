// Query keys of the returns screens.
export const returnsKeys = {
  all: () => ['returns'] as const,
  list: () => ['returns', 'list'] as const,
  detail: (id: string) => ['returns', 'detail', id] as const,
  settings: () => ['returns', 'settings'] as const,
};
