import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TImportPartsResult } from '../../../../common/parts-api.ts';
import { api, getCsrfToken } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** The workbook could not be stored (before any import was tried). */
export class UploadFailed extends Error {}

/** Stores the workbook, then imports it (all rows or none). */
export function useImportParts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: Blob) => {
      const body = new FormData();
      body.append('file', file);
      const res = await fetch('/api/v1/files', {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': getCsrfToken() },
      });
      const stored = await res.json();
      if (!res.ok) throw new UploadFailed(stored.detail ?? res.statusText);
      return api.post<TImportPartsResult>('/api/v1/parts/import', { fileId: stored.id }, false);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}
