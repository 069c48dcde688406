import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TArticle } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** Articles for a text being written, asked for once the writer pauses (debounced). */
export function useArticleSuggestions(text: string, delayMs = 400) {
  const [settled, setSettled] = useState(text.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return useQuery({
    queryKey: knowledgeKeys.suggestions(settled),
    queryFn: () => api.get<TArticle[]>('/api/v1/knowledge/suggestions', { text: settled.slice(0, 2000) }),
    enabled: [...settled].length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
