// The training source of the surveys module's evaluation (培训效果评估): a session of a plan that has
// ended is asked about once, of the plan's customer; the answers count under the trainer.
import type { SurveySourceReader } from '../surveys/index.ts';
import * as repo from './repository.ts';

export const endedTrainingSessions: SurveySourceReader = async (db, after, until, limit) =>
  (await repo.sessionsEndedAfter(db, after, until, limit)).map(({ session, plan }) => ({
    sourceId: session.id,
    at: session.endsAt,
    number: null,
    customerId: plan.customerId,
    contactId: null,
    phone: null,
    projectId: plan.projectId,
    team: null,
    engineerId: session.trainerId,
    assetId: null,
  }));
