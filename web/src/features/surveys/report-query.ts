import { useQuery } from '@tanstack/react-query';
import type { TSurveyReport } from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** The satisfaction rate per month, team, engineer, customer or product over a period. */
export const useSurveyReport = (query: Record<string, string | undefined>, enabled: boolean) =>
  useQuery({
    queryKey: surveyKeys.report(query),
    queryFn: () => api.get<TSurveyReport>('/api/v1/surveys/report', query),
    enabled,
  });
