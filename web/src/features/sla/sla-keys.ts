// Query keys of the SLA settings; every hook of this feature builds its keys here.
export const slaKeys = {
  policies: () => ['sla-policies'] as const,
  calendars: () => ['sla-calendars'] as const,
};
