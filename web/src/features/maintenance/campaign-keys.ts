// Query keys of inspections: campaigns, date requests, the portal's upcoming visits.
export const campaignKeys = {
  campaigns: () => ['maintenance', 'campaigns'] as const,
  campaign: (id: string, state?: string) => ['maintenance', 'campaigns', id, state ?? null] as const,
  dateRequests: (status?: string) => ['maintenance', 'date-requests', status ?? null] as const,
  upcoming: () => ['maintenance', 'upcoming-visits'] as const,
  special: (ticketId: string) => ['maintenance', 'special', ticketId] as const,
};
