import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface WorkOrder {
  id: string;
  number: string;
  kind: string;
  status: string;
  ticketId: string | null;
  ticketNumber?: string | null;
  customerId: string;
  customerName: string;
  projectId: string | null;
  assetIds: string[];
  projectName?: string | null;
  address: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  engineerId: string | null;
  engineerName?: string | null;
  emergency: boolean;
  summary: string;
  scheduledAt: string | null;
  onSiteDueAt?: string | null;
  emergencyPlanFileId?: string | null;
  diagnosis: { faultLocation: string; cause: string } | null;
  temporary: { solution: string; plannedFix: string } | null;
  photoIds?: string[];
  afterPhotoIds?: string[];
  version: number;
  createdAt: string;
  events?: { id: number; stage: string; at: string; recordedAt: string; note: string | null }[];
}

export const workOrdersKey = 'work-orders';

export const useWorkOrders = (query: Record<string, string | undefined>, enabled = true) =>
  useQuery({
    queryKey: [workOrdersKey, query],
    queryFn: () => api.get<WorkOrder[]>('/api/v1/work-orders', query),
    enabled,
  });

export const useWorkOrder = (id: string | undefined) =>
  useQuery({
    queryKey: [workOrdersKey, 'one', id],
    queryFn: () => api.get<WorkOrder>(`/api/v1/work-orders/${id}`),
    enabled: Boolean(id),
  });

/** A navigation link for an address (AMap works on Chinese phones and desktops alike). */
export const navigationUrl = (address: string) =>
  `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;
