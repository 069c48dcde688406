export { fileReferences } from './references.ts';
export { registerFileRoutes } from './routes.ts';
export { findFile, storeFile } from './service.ts';
