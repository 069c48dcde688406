// Public surface of the followups module (回访).
export { followUpOutcomeOf, followUpsDueCount } from './call-list.ts';
export { sweepFollowUpFlags } from './flags.ts';
export {
  type ComplaintFollowUpPort,
  createDueFollowUps,
  followUpComplaintHandled,
  type HandledComplaint,
} from './generate.ts';
export { followUpsCreateJob, followUpsSweepJob } from './jobs.ts';
export { registerFollowUpRoutes } from './routes.ts';
