import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TCloseCaseRequest,
  TQualityCaseDetail,
  TUpdateCaseRequest,
} from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

type Change = { step: 'update'; body: TUpdateCaseRequest } | { step: 'close'; body: TCloseCaseRequest };

/** Saves the analysis, decision and actions of a case, or closes it (at the version read). */
export function useQualityCaseChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (c: Change) =>
      c.step === 'update'
        ? api.patch<TQualityCaseDetail>(`/api/v1/quality/cases/${id}`, c.body)
        : api.post<TQualityCaseDetail>(`/api/v1/quality/cases/${id}/close`, c.body, false),
    onSuccess: (data) => {
      client.setQueryData(qualityKeys.case(id), data);
      void client.invalidateQueries({ queryKey: ['quality-cases'] });
      void client.invalidateQueries({ queryKey: ['quality-alerts'] });
    },
  });
}
