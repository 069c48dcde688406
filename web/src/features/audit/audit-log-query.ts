import type { TAuditEntry } from '../../../../common/api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const auditKey = 'audit';

export const useAuditLog = (filters: Record<string, string | undefined>) =>
  useCursorList<TAuditEntry>(auditKey, '/api/v1/audit', filters);
