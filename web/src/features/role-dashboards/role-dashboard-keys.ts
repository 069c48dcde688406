// Query keys of the role dashboards (storekeeper, quality engineer, trainer).
export const roleDashboardKeys = {
  parts: (query: Record<string, string | undefined>) => ['role-dashboards', 'parts', query] as const,
  partsRecords: (query: Record<string, string | undefined>) =>
    ['role-dashboards', 'parts-records', query] as const,
  quality: (query: Record<string, string | undefined>) => ['role-dashboards', 'quality', query] as const,
  training: (query: Record<string, string | undefined>) => ['role-dashboards', 'training', query] as const,
};
