import { useInfiniteQuery } from '@tanstack/react-query';
import type { TSurveyAnswerRow } from '../../../../common/surveys-api.ts';
import { api, type Page } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** The answers behind a figure of the report, page by page. */
export const useSurveyAnswers = (query: Record<string, string | undefined> | null) =>
  useInfiniteQuery({
    queryKey: surveyKeys.answers(query ?? {}),
    queryFn: ({ pageParam }) =>
      api.get<Page<TSurveyAnswerRow>>('/api/v1/surveys/answers', { ...query, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: query !== null,
  });
