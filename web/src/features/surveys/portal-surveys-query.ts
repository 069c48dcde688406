import { useQuery } from '@tanstack/react-query';
import type { TPublicSurvey } from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** The organisation's surveys to answer and its recent answers (portal). */
export const usePortalSurveys = () =>
  useQuery({
    queryKey: surveyKeys.portal(),
    queryFn: () => api.get<TPublicSurvey[]>('/api/v1/portal/surveys'),
  });
