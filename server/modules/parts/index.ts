export { partsKeyFigures } from './analysis.ts';
export { createLocation, createPart } from './catalog.ts';
export { provideWorkOrderPartCharges } from './charge-port.ts';
export { partForReturnedProduct, receiveCustomerReturn } from './customer-returns.ts';
export {
  locationsWithFittingParts,
  vansOfKeepers,
  type WorkOrderPartLine,
  workOrderPartLines,
} from './field-read.ts';
export { reorderCheckJob } from './jobs.ts';
export {
  type BatchFailure,
  type BatchFailureCount,
  type BatchInstalledUnits,
  batchFailuresByMonth,
  batchFailuresOf,
  batchInstalledUnits,
} from './quality-read.ts';
export { partReferences } from './references.ts';
export { setReorderRule } from './reorder.ts';
export { issueReserved, release, reservationsOf, reserve } from './reservations.ts';
export { registerPartsRoutes } from './routes.ts';
export { issue, receive, returnDefective, returnUnused, transfer } from './stock.ts';
export { countsToApprove, searchParts, storeWork, ticketsWaitingForParts } from './workbench.ts';
