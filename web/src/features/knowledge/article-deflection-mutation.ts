import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** "Did this solve it?" yes while writing a fault report: counted, and the report is not sent. */
export const useArticleDeflection = () =>
  useMutation({
    mutationFn: ({ id, text }: { id: string; text?: string }) =>
      api.post<void>(`/api/v1/knowledge/articles/${id}/deflections`, { text }, false),
  });
