export { qualityKeyFigures } from './dashboard.ts';
// Public surface of the quality module (质量, issue 19).
export { runDetection } from './detector.ts';
export { qualityDetectJob } from './jobs.ts';
export { alertsRaisedBetween, type RaisedAlert } from './reports-read.ts';
export { registerQualityRoutes } from './routes.ts';
export { closeCase, createCase, updateCase } from './service.ts';
