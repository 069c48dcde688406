import { useQuery } from '@tanstack/react-query';
import type { TTuningProposal } from '../../../../common/maintenance-tuning-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

export const useTuningProposals = (status?: string) =>
  useQuery({
    queryKey: maintenanceKeys.tuning(status),
    queryFn: () => api.get<TTuningProposal[]>('/api/v1/maintenance/tuning', status ? { status } : {}),
  });
