import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TChecklistItem,
  TSession,
  TSessionDetail,
  TSessionEvaluation,
} from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export const useSessions = () =>
  useQuery({
    queryKey: trainingKeys.sessions(),
    queryFn: () => api.get<TSession[]>('/api/v1/training/sessions'),
  });

export const useSession = (id: string | null) =>
  useQuery({
    queryKey: trainingKeys.session(id ?? ''),
    queryFn: () => api.get<TSessionDetail>(`/api/v1/training/sessions/${id}`),
    enabled: Boolean(id),
  });

function useSessionChange<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}

export const useSessionCreate = () =>
  useSessionChange((body: Record<string, unknown>) =>
    api.post<TSessionDetail>('/api/v1/training/sessions', body),
  );

export const useTraineeAdd = (sessionId: string) =>
  useSessionChange((body: { name: string; phone: string; email: string | null }) =>
    api.post<TSessionDetail>(`/api/v1/training/sessions/${sessionId}/trainees`, body),
  );

export const useTraineeRemove = (sessionId: string) =>
  useSessionChange((traineeId: string) =>
    api.delete<TSessionDetail>(`/api/v1/training/sessions/${sessionId}/trainees/${traineeId}`),
  );

export const useAttendance = (sessionId: string) =>
  useSessionChange((v: { traineeId: string; attended: boolean }) =>
    api.put<TSessionDetail>(`/api/v1/training/sessions/${sessionId}/trainees/${v.traineeId}/attendance`, {
      attended: v.attended,
    }),
  );

export const useChecklistSave = (sessionId: string) =>
  useSessionChange((v: { version: number; checklist: TChecklistItem[] }) =>
    api.put<TSessionDetail>(`/api/v1/training/sessions/${sessionId}/checklist`, v),
  );

export const useSignInCode = (sessionId: string) =>
  useMutation({
    mutationFn: () =>
      api.post<{ token: string; url: string; expiresAt: string }>(
        `/api/v1/training/sessions/${sessionId}/sign-in-code`,
        undefined,
        false,
      ),
  });

export const useSendMaterials = (sessionId: string) =>
  useSessionChange(() =>
    api.post<{ emailed: number; withoutEmail: number }>(
      `/api/v1/training/sessions/${sessionId}/materials/send`,
      undefined,
      false,
    ),
  );

export const useEvaluationSave = (sessionId: string) =>
  useSessionChange((v: { version: number; evaluationSummary: string; plannedChanges: string }) =>
    api.put<TSessionDetail>(`/api/v1/training/sessions/${sessionId}/evaluation`, v),
  );

export const useEvaluation = (sessionId: string) =>
  useQuery({
    queryKey: [...trainingKeys.session(sessionId), 'evaluation'],
    queryFn: () => api.get<TSessionEvaluation>(`/api/v1/training/sessions/${sessionId}/evaluation`),
  });
