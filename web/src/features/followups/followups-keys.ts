export const followUpKeys = {
  all: () => ['followups'] as const,
  callList: (date: string, agentId: string | undefined) =>
    ['followups', 'call-list', date, agentId ?? 'me'] as const,
  settings: () => ['followups', 'settings'] as const,
  portal: () => ['followups', 'portal'] as const,
  report: (from: string, to: string) => ['followups', 'report', from, to] as const,
};
