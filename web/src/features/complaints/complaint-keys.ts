// Query keys of complaints and suggestions; every hook of this feature builds its keys here.
export const complaintKeys = {
  all: () => ['complaints'] as const,
  list: 'complaints',
  one: (id: string) => ['complaints', 'one', id] as const,
  summary: (from: string, to: string) => ['complaints', 'summary', from, to] as const,
  settings: () => ['complaints', 'settings'] as const,
  suggestions: 'suggestions',
};
