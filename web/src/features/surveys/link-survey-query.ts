import { useQuery } from '@tanstack/react-query';
import type { TPublicSurvey } from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** A survey by its signed link (no login). */
export const useLinkSurvey = (token: string) =>
  useQuery({
    queryKey: surveyKeys.byLink(token),
    queryFn: () => api.get<TPublicSurvey>(`/api/v1/public/surveys/${encodeURIComponent(token)}`),
    retry: false,
  });
