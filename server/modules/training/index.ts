export { trainingKeyFigures } from './dashboard.ts';
// Public surface of the training module (培训).

export { addLesson, createCourse } from './courses.ts';
export { addQuestion } from './exams.ts';
export { certificateExpiryJob } from './jobs.ts';
export { createPlan } from './plans.ts';
export { registerTrainingPublicRoutes } from './public-routes.ts';
export { registerTrainingRoutes } from './routes.ts';
export { createSession, trainerSessionsBetween } from './sessions.ts';
export { endedTrainingSessions } from './survey-source.ts';
export { addTrainee } from './trainees.ts';
