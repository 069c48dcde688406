import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAnswer, TAttempt, TQuestion } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export type TMarkingAttempt = TAttempt & {
  traineeId: string;
  traineeName: string;
  courseTitle: string;
  items: { question: TQuestion; answer: TAnswer | null; points: number | null }[];
};

export const useAttempts = (status: 'marking' | 'failed') =>
  useQuery({
    queryKey: trainingKeys.attempts(status),
    queryFn: () => api.get<TMarkingAttempt[]>('/api/v1/training/attempts', { status }),
  });

export function useMark() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      id: string;
      marks: { questionId: string; points: number }[];
      coachingNote: string | null;
    }) =>
      api.post<TMarkingAttempt>(
        `/api/v1/training/attempts/${v.id}/marks`,
        { marks: v.marks, coachingNote: v.coachingNote },
        false,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}

export function useCoaching() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; coachingNote: string }) =>
      api.put<TMarkingAttempt>(`/api/v1/training/attempts/${v.id}/coaching`, {
        coachingNote: v.coachingNote,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}
