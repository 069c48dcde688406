// Data hooks of the registry: projects, equipment, products, contracts, acceptance, archive, coverage.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TArchiveEvent,
  TAsset,
  TContract,
  TCoverage,
  TProduct,
  TProject,
  ZAcceptanceRecord,
  ZDepositEntry,
} from '../../../../common/registry-api.ts';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const registryKey = 'registry';

export const useProjects = (filters: Record<string, string | undefined>) =>
  useCursorList<TProject>(`${registryKey}-projects`, '/api/v1/projects', filters);
export const useAssets = (filters: Record<string, string | undefined>, limit = 50) =>
  useCursorList<TAsset>(`${registryKey}-assets`, '/api/v1/assets', filters, limit);
export const useProducts = (filters: Record<string, string | undefined>) =>
  useCursorList<TProduct>(`${registryKey}-products`, '/api/v1/products', filters);
export const useArchive = (
  kind: 'projects' | 'assets',
  id: string,
  filters: Record<string, string | undefined>,
) =>
  useCursorList<TArchiveEvent>(
    `${registryKey}-archive-${kind}-${id}`,
    `/api/v1/${kind}/${id}/archive`,
    filters,
    30,
  );

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: [registryKey, 'project', id],
    queryFn: () => api.get<TProject>(`/api/v1/projects/${id}`),
    enabled: Boolean(id),
  });
}

export function useAsset(id: string | undefined) {
  return useQuery({
    queryKey: [registryKey, 'asset', id],
    queryFn: () => api.get<TAsset>(`/api/v1/assets/${id}`),
    enabled: Boolean(id),
  });
}

export function useCoverage(id: string | undefined, query: { date?: string; cause?: string }) {
  return useQuery({
    queryKey: [registryKey, 'coverage', id, query],
    queryFn: () => api.get<TCoverage>(`/api/v1/assets/${id}/coverage`, query),
    enabled: Boolean(id),
  });
}

export function useContracts(projectId: string | undefined) {
  return useQuery({
    queryKey: [registryKey, 'contracts', projectId],
    queryFn: () => api.get<TContract[]>('/api/v1/contracts', { projectId }),
    enabled: Boolean(projectId),
  });
}

export type TDepositEntry = z.infer<typeof ZDepositEntry>;

export function useDepositEntries(contractId: string | undefined) {
  return useQuery({
    queryKey: [registryKey, 'deposit', contractId],
    queryFn: () => api.get<TDepositEntry[]>(`/api/v1/contracts/${contractId}/deposit-entries`),
    enabled: Boolean(contractId),
  });
}

export type TAcceptanceRecord = z.infer<typeof ZAcceptanceRecord>;

export function useAcceptanceRecords(projectId: string | undefined) {
  return useQuery({
    queryKey: [registryKey, 'acceptance', projectId],
    queryFn: () => api.get<TAcceptanceRecord[]>(`/api/v1/projects/${projectId}/acceptance-records`),
    enabled: Boolean(projectId),
  });
}

/** One mutation for every registry write; every success refreshes the registry's queries. */
export function useRegistryMutation<TBody, TResult = unknown>(
  method: 'POST' | 'PATCH',
  path: (body: TBody) => string,
  bodyOf: (body: TBody) => unknown = (b) => b,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) =>
      method === 'POST'
        ? api.post<TResult>(path(body), bodyOf(body))
        : api.patch<TResult>(path(body), bodyOf(body)),
    onSuccess: () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(registryKey) }),
  });
}
