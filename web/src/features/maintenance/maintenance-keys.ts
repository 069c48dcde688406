// Query keys of planned maintenance; every hook of this feature builds its keys here.
export const maintenanceKeys = {
  all: () => ['maintenance'] as const,
  settings: () => ['maintenance', 'settings'] as const,
  templates: () => ['maintenance', 'templates'] as const,
  plans: (projectId?: string) => ['maintenance', 'plans', projectId ?? null] as const,
  plan: (id: string) => ['maintenance', 'plan', id] as const,
  visits: (planId: string) => ['maintenance', 'visits', planId] as const,
  compliance: (query: Record<string, string | undefined>) => ['maintenance', 'compliance', query] as const,
  tuning: (status?: string) => ['maintenance', 'tuning', status ?? null] as const,
};
