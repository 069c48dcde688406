// Public surface of the maintenance module (planned maintenance, issue 16).
export { registerMaintenanceRoutes } from './routes.ts';
export { settingsOf as maintenanceSettingsOf } from './service.ts';
