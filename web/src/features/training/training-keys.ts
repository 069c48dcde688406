export const trainingKeys = {
  all: () => ['training'] as const,
  courses: () => ['training', 'courses'] as const,
  course: (id: string) => ['training', 'course', id] as const,
  questions: (courseId: string) => ['training', 'questions', courseId] as const,
  plans: () => ['training', 'plans'] as const,
  sessions: () => ['training', 'sessions'] as const,
  session: (id: string) => ['training', 'session', id] as const,
  attempts: (status: string) => ['training', 'attempts', status] as const,
  certificates: () => ['training', 'certificates'] as const,
  exam: (token: string) => ['training', 'exam', token] as const,
  portalSessions: () => ['training', 'portal-sessions'] as const,
};
