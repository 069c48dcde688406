export { type CompletedRepair, repairsCompleted } from './completed-repairs.ts';
export { provideDueWindows } from './due-window-port.ts';
export {
  type AssetFailure,
  type AssetRepair,
  type EngineerWork,
  type EngineerWorkDay,
  engineerWorkBetween,
  engineerWorkByDay,
  engineerWorkingMinutes,
  type FailureDay,
  failuresBetween,
  failuresByDay,
  repairsCompletedWithOrdinal,
  repairsOfAssets,
  repairVisitsOfTickets,
  type TicketVisits,
  workingMinutesOf,
  workOrdersChanged,
} from './measures-read.ts';
export { type OpenWorkOrderRow, openWorkOrderCounts, openWorkOrdersAt } from './open-work-read.ts';
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
  workOrderStatuses,
} from './planned.ts';
export {
  openJobOfEngineerForAsset,
  recordEquipmentScan,
  ticketVisitProgress,
  type VisitProgress,
} from './qr-read.ts';
export { repairDatesOfAssets } from './repair-history.ts';
export { publishReportJob } from './report-job.ts';
export { type CompletedWork, workCompletedBetween } from './reports-read.ts';
export { registerFieldRoutes } from './routes.ts';
export { type StaffLeave, saveStaffLeave, staffLeave } from './staff-leave.ts';
export { workOrderTicketIds } from './ticket-ids.ts';
export {
  customerVisits,
  dispatchFigures,
  engineerDay,
  searchWorkOrders,
} from './workbench.ts';
