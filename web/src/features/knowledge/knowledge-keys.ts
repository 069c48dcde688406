// Query keys of the knowledge-base screens.
export const knowledgeKeys = {
  all: () => ['knowledge'] as const,
  detail: (id: string) => ['knowledge', 'detail', id] as const,
  revisions: (id: string) => ['knowledge', 'revisions', id] as const,
  suggestions: (text: string) => ['knowledge', 'suggestions', text] as const,
  facets: () => ['knowledge', 'facets'] as const,
  aliases: () => ['knowledge', 'aliases'] as const,
  unhelpful: () => ['knowledge', 'unhelpful'] as const,
};
