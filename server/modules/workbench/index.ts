// Public surface of the workbench module (no tables: it asks the owners through their index.ts).
export { registerWorkbenchRoutes } from './routes.ts';
