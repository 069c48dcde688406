import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPublicSurvey, TSurveyAnswerRequest } from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** Answers a survey by its signed link, once. */
export function useLinkAnswer(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSurveyAnswerRequest) =>
      api.post<TPublicSurvey>(`/api/v1/public/surveys/${encodeURIComponent(token)}/answer`, body, false),
    onSuccess: (survey) => client.setQueryData(surveyKeys.byLink(token), survey),
  });
}
