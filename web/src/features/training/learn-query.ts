// The learner's side of online learning, by their signed link (no login): the course's lessons with
// progress, progress saved as they go, and a question from a lesson.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLessonKind } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export interface TLearningLesson {
  id: string;
  title: string;
  kind: TLessonKind;
  hasFile: boolean;
  liveUrl: string | null;
  startsAt: string | null;
  durationMinutes: number | null;
  positionSeconds: number;
  completed: boolean;
}
export interface TLearning {
  courseTitle: string;
  canAsk: boolean;
  lessons: TLearningLesson[];
}

export const learnBase = (token: string) => `/api/v1/public/training/learn/${encodeURIComponent(token)}`;
export const lessonUrl = (token: string, lessonId: string, what: 'content' | 'calendar.ics') =>
  `${learnBase(token)}/lessons/${lessonId}/${what}`;

export const useLearning = (token: string) =>
  useQuery({
    queryKey: trainingKeys.learn(token),
    queryFn: () => api.get<TLearning>(learnBase(token)),
    retry: false,
  });

export function useProgressSave(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { lessonId: string; positionSeconds: number; completed: boolean }) =>
      api.put<{ lessonId: string; positionSeconds: number; completed: boolean }>(
        `${learnBase(token)}/lessons/${v.lessonId}/progress`,
        { positionSeconds: v.positionSeconds, completed: v.completed },
      ),
    // The page's own copy follows the server's answer (completed stays completed).
    onSuccess: (saved) =>
      client.setQueryData<TLearning>(trainingKeys.learn(token), (old) =>
        old
          ? {
              ...old,
              lessons: old.lessons.map((l) =>
                l.id === saved.lessonId
                  ? { ...l, positionSeconds: saved.positionSeconds, completed: saved.completed }
                  : l,
              ),
            }
          : old,
      ),
  });
}

export const useLessonQuestion = (token: string) =>
  useMutation({
    mutationFn: (v: { lessonId: string; question: string }) =>
      api.post<{ ticketId: string; ticketNumber: string }>(
        `${learnBase(token)}/lessons/${v.lessonId}/questions`,
        { question: v.question },
      ),
  });
