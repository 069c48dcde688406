import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TSurveyKind,
  TSurveySettings,
  TUpdateSurveySettingsRequest,
} from '../../../../common/surveys-api.ts';
import { api } from '../../api/client.ts';
import { surveyKeys } from './survey-keys.ts';

/** Saves one kind's settings at the version they were read. */
export function useSurveySettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: TSurveyKind; body: TUpdateSurveySettingsRequest }) =>
      api.put<TSurveySettings>(`/api/v1/surveys/settings/${kind}`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: surveyKeys.settings() });
    },
  });
}
