import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPublicSurvey, TSurveyAnswerRequest } from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** Answers one of the organisation's surveys in the portal. */
export function usePortalAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TSurveyAnswerRequest }) =>
      api.post<TPublicSurvey>(`/api/v1/portal/surveys/${id}/answer`, body, false),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: surveyKeys.portal() });
    },
  });
}
