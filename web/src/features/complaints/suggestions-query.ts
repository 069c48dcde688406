import type { TSuggestion } from '../../../../common/complaints-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';
import { complaintKeys } from './complaint-keys.ts';

export const useSuggestions = (filters: { status?: string }) =>
  useCursorList<TSuggestion>(complaintKeys.suggestions, '/api/v1/suggestions', filters);
