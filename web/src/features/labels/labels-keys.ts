export const labelKeys = {
  scan: (code: string) => ['labels', 'scan', code] as const,
  tracking: (token: string) => ['labels', 'tracking', token] as const,
  settings: () => ['labels', 'settings'] as const,
};
