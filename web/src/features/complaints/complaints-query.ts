import type { TComplaintListItem } from '../../../../common/complaints-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';
import { complaintKeys } from './complaint-keys.ts';

/** The complaint queue (newest first); a customer's own organisation's in the portal. */
export const useComplaints = (filters: { status?: string; open?: string }) =>
  useCursorList<TComplaintListItem>(complaintKeys.list, '/api/v1/complaints', filters);
