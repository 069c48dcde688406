// Query keys of satisfaction surveys; every hook of this feature builds its keys here.
export const surveyKeys = {
  all: () => ['surveys'] as const,
  settings: () => ['surveys', 'settings'] as const,
  report: (query: Record<string, string | undefined>) => ['surveys', 'report', query] as const,
  answers: (query: Record<string, string | undefined>) => ['surveys', 'answers', query] as const,
  byLink: (token: string) => ['surveys', 'link', token] as const,
  portal: () => ['surveys', 'portal'] as const,
};
