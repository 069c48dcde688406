import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateTemplateRequest, TTemplate } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** Creates a template, or changes `existing` at the version it was read. */
export function useTemplateSave(existing: TTemplate | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateTemplateRequest) =>
      existing
        ? api.patch<TTemplate>(`/api/v1/maintenance/templates/${existing.id}`, {
            ...body,
            version: existing.version,
          })
        : api.post<TTemplate>('/api/v1/maintenance/templates', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: maintenanceKeys.all() });
    },
  });
}
