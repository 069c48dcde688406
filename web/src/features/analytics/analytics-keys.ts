// Query keys of analytics; every hook of this feature builds its keys here.
export const analyticsKeys = {
  all: () => ['analytics'] as const,
  sla: (query: Record<string, string | undefined>) => ['analytics', 'sla', query] as const,
  records: (query: Record<string, string | undefined>) => ['analytics', 'records', query] as const,
  overview: (query: Record<string, string>) => ['analytics', 'overview', query] as const,
  measures: (query: Record<string, string | undefined>) => ['analytics', 'measures', query] as const,
  measureRecords: (query: Record<string, string | undefined>) =>
    ['analytics', 'measure-records', query] as const,
  performance: (month: string) => ['analytics', 'performance', month] as const,
  openWork: (query: Record<string, string | undefined>) => ['analytics', 'open-work', query] as const,
  openWorkRecords: (query: Record<string, string | undefined>) =>
    ['analytics', 'open-work-records', query] as const,
};
