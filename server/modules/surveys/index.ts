// Public surface of the surveys module (satisfaction surveys, 满意度).
export { type PastSurvey, recordPastSurveys } from './history.ts';
export { inviteSurveys } from './invite.ts';
export { surveyInviteJob } from './jobs.ts';
export { type SurveyLinkConfig, signSurveyToken, surveyLinkConfig, surveyUrl } from './link-token.ts';
export {
  type SatisfactionDay,
  type StaffSatisfaction,
  satisfactionByDay,
  satisfactionByEngineer,
} from './measures-read.ts';
export { listAnswers, satisfactionReport, surveyOfSource } from './report.ts';
export { registerSurveyRoutes } from './routes.ts';
export { surveySettingsOf } from './settings.ts';
export { provideSurveySource, type SurveySource, type SurveySourceReader } from './sources.ts';
export { sessionEvaluations } from './training-read.ts';
