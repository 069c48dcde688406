import type { TQualityAlert } from '../../../../common/quality-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

/** Early-warning alerts, newest first. */
export const useQualityAlerts = (filters: { status?: string }) =>
  useCursorList<TQualityAlert>('quality-alerts', '/api/v1/quality/alerts', filters);
