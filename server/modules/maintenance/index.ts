// Public surface of the maintenance module (planned maintenance, issue 16).

export {
  type AlertInspectionSource,
  alertInspections,
  startAlertInspections,
} from './alert-inspections.ts';
export { recordsSignedAfter, type SignedRecord } from './care-read.ts';
export { complianceReport } from './compliance.ts';
export { visitDueWindows } from './due-windows.ts';
export { generateAll, generateForProject } from './generate.ts';
export {
  maintenanceGenerateJob,
  maintenanceOverdueJob,
  maintenanceRemindJob,
  maintenanceTuningJob,
} from './jobs.ts';
export { sendVisitReminders } from './reminders.ts';
export { registerMaintenanceRoutes } from './routes.ts';
export { createPlan, createTemplate, settingsOf as maintenanceSettingsOf } from './service.ts';
