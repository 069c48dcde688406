export { type FileGuard, provideFileGuard } from './guard.ts';
export { fileReferences } from './references.ts';
export { registerFileRoutes } from './routes.ts';
export { findFile, storeFile } from './service.ts';
export { withFilesRemovedOnFailure } from './unit-of-work.ts';
