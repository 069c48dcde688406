export const reportKeys = {
  all: ['reports'] as const,
  list: (kind: string | undefined) => ['reports', 'list', kind ?? 'all'] as const,
  recipients: ['reports', 'recipients'] as const,
};
