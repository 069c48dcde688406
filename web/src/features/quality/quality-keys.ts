// Query keys of the quality screens.
export const qualityKeys = {
  all: () => ['quality'] as const,
  alert: (id: string) => ['quality', 'alert', id] as const,
  alertInspections: (id: string) => ['quality', 'alert', id, 'inspections'] as const,
  case: (id: string) => ['quality', 'case', id] as const,
  settings: () => ['quality', 'settings'] as const,
  workOrderFeedback: (id: string) => ['quality', 'work-order-feedback', id] as const,
};
