import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCourse,
  TCourseDetail,
  TCreateCourseRequest,
  TCreateLessonRequest,
  TCreateQuestionRequest,
  TQuestion,
} from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export const useCourses = () =>
  useQuery({
    queryKey: trainingKeys.courses(),
    queryFn: () => api.get<TCourse[]>('/api/v1/training/courses'),
  });

export const useCourse = (id: string | null) =>
  useQuery({
    queryKey: trainingKeys.course(id ?? ''),
    queryFn: () => api.get<TCourseDetail>(`/api/v1/training/courses/${id}`),
    enabled: Boolean(id),
  });

export const useQuestions = (courseId: string | null) =>
  useQuery({
    queryKey: trainingKeys.questions(courseId ?? ''),
    queryFn: () => api.get<TQuestion[]>(`/api/v1/training/courses/${courseId}/questions`),
    enabled: Boolean(courseId),
  });

export function useCourseCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TCreateCourseRequest>) =>
      api.post<TCourseDetail>('/api/v1/training/courses', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}

export function useLessonAdd(courseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TCreateLessonRequest>) =>
      api.post<TCourseDetail>(`/api/v1/training/courses/${courseId}/lessons`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}

export function useQuestionAdd(courseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TCreateQuestionRequest>) =>
      api.post<TQuestion>(`/api/v1/training/courses/${courseId}/questions`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}
