// The trainee's side, by their signed link (no login): the exam page, attempts, answers, submission.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAnswer, TAttempt, TAttemptDetail } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export interface TExamOverview {
  traineeName: string;
  courseTitle: string;
  examMinutes: number;
  passMark: number;
  attended: boolean;
  canStart: boolean;
  attempts: TAttempt[];
  certificate: { number: string; verificationCode: string } | null;
}

const base = (token: string) => `/api/v1/public/training/exams/${encodeURIComponent(token)}`;

export const useExam = (token: string) =>
  useQuery({
    queryKey: trainingKeys.exam(token),
    queryFn: () => api.get<TExamOverview>(base(token)),
    retry: false,
  });

export function useAttemptStart(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TAttemptDetail>(`${base(token)}/attempts`, undefined, false),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.exam(token) }),
  });
}

export const useAttempt = (token: string, attemptId: string | null) =>
  useQuery({
    queryKey: [...trainingKeys.exam(token), 'attempt', attemptId],
    queryFn: () => api.get<TAttemptDetail>(`${base(token)}/attempts/${attemptId}`),
    enabled: Boolean(attemptId),
  });

export const useAnswerSave = (token: string, attemptId: string) =>
  useMutation({
    mutationFn: (v: { questionId: string; answer: TAnswer }) =>
      api.put<{ savedAt: string }>(`${base(token)}/attempts/${attemptId}/answers/${v.questionId}`, v.answer),
  });

export function useAttemptSubmit(token: string, attemptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<TAttemptDetail>(`${base(token)}/attempts/${attemptId}/submit`, undefined, false),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.exam(token) }),
  });
}
