export { type CompletedRepair, repairsCompleted } from './completed-repairs.ts';
export { workOrderOwners } from './owners.ts';
export { workOrderPartChargesSql } from './parts-charge-read.ts';
export {
  cancelPlannedWorkOrder,
  completePlannedWorkOrder,
  createPlannedWorkOrder,
  createPlannedWorkOrders,
  type PlannedWorkOrderInput,
  replanWorkOrder,
  type WorkOrderState,
  workOrderStates,
} from './planned.ts';
export {
  openJobOfEngineerForAsset,
  recordEquipmentScan,
  ticketVisitProgress,
  type VisitProgress,
} from './qr-read.ts';
export { repairDatesOfAssets } from './repair-history.ts';
export { publishReportJob } from './report-job.ts';
export { registerFieldRoutes } from './routes.ts';
export { workOrderTicketIds } from './ticket-ids.ts';
export {
  customerVisits,
  dispatchFigures,
  engineerDay,
  searchWorkOrders,
} from './workbench.ts';
