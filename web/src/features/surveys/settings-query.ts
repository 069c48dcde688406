import { useQuery } from '@tanstack/react-query';
import type { TSurveySettings } from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

export const useSurveySettings = () =>
  useQuery({
    queryKey: surveyKeys.settings(),
    queryFn: () => api.get<TSurveySettings[]>('/api/v1/surveys/settings'),
  });
