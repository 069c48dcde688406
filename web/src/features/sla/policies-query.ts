import { useQuery } from '@tanstack/react-query';
import type { TPolicy } from '../../../../common/sla-api.ts';
import { api } from '../../api/client.ts';
import { slaKeys } from './sla-keys.ts';

export const usePolicies = () =>
  useQuery({ queryKey: slaKeys.policies(), queryFn: () => api.get<TPolicy[]>('/api/v1/sla/policies') });
