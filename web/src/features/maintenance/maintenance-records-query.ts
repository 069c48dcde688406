import { useQuery } from '@tanstack/react-query';
import type { TRecord, TRecordStatus, TSuggestion } from '../../../../common/maintenance-visit-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceVisitKey } from './visit-checklist-query.ts';

/** Maintenance records: the customer's own signed ones, or the reviewer's queue by status. */
export const useMaintenanceRecords = (status?: TRecordStatus) =>
  useQuery({
    queryKey: [maintenanceVisitKey, 'records', status ?? 'all'],
    queryFn: () => api.get<TRecord[]>('/api/v1/maintenance/records', status ? { status } : undefined),
  });

/** Rectification suggestions the customer was given. */
export const useMaintenanceSuggestions = () =>
  useQuery({
    queryKey: [maintenanceVisitKey, 'suggestions'],
    queryFn: () => api.get<TSuggestion[]>('/api/v1/maintenance/suggestions'),
  });
