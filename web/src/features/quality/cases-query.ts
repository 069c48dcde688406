import type { TQualityCase } from '../../../../common/quality-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

/** Quality cases, newest first. */
export const useQualityCases = (filters: { status?: string }) =>
  useCursorList<TQualityCase>('quality-cases', '/api/v1/quality/cases', filters);
