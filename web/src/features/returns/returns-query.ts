import type { TReturn } from '../../../../common/returns-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

/** Returns, newest first, with the list's filters (a customer sees its own organisation's). */
export const useReturns = (filters: { status?: string; outcome?: string; q?: string; customerId?: string }) =>
  useCursorList<TReturn>('returns', '/api/v1/returns', filters);
