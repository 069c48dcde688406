export {
  locationsWithFittingParts,
  vansOfKeepers,
  type WorkOrderPartLine,
  workOrderPartLines,
} from './field-read.ts';
export { reorderCheckJob } from './jobs.ts';
export { registerPartsRoutes } from './routes.ts';
export {
  issue,
  issueReserved,
  release,
  reservationsOf,
  reserve,
  returnDefective,
  returnUnused,
} from './stock.ts';
