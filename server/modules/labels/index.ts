// Public surface of the labels module (QR labels on equipment, scan to report 扫码报修).
export { ensureLabels, issueLabels, labelUrl } from './label-service.ts';
export { qrLinkConfig } from './link-token.ts';
export { registerLabelRoutes } from './routes.ts';
