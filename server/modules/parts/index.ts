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
