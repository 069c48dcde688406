// Public surface of the followups module (回访).
export { assignFollowUps, followUpOutcomeOf, followUpsDueCount } from './call-list.ts';
export { sweepFollowUpFlags } from './flags.ts';
export {
  type ComplaintFollowUpPort,
  createDueFollowUps,
  followUpComplaintHandled,
  type HandledComplaint,
} from './generate.ts';
export { followUpsCreateJob, followUpsSweepJob } from './jobs.ts';
export { type FollowUpTiming, followUpDueDaysChanged, followUpTimings } from './measures-read.ts';
export { customerTold, recordOutcome } from './outcome.ts';
export { registerFollowUpRoutes } from './routes.ts';
export {
  type FollowUpSuggestion,
  type FollowUpSuggestionPort,
  provideFollowUpSuggestions,
} from './suggestion-port.ts';
