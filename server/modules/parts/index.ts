export { reorderCheckJob } from './jobs.ts';
export { partReferences } from './references.ts';
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
