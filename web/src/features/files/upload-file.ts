import type { TFileMeta } from '../../../../common/api.ts';
import { ApiError, getCsrfToken } from '../../api/client.ts';

/** Uploads one file (dropped, pasted or chosen) for a customer's record; answers its id and name. */
export async function uploadFile(file: Blob, customerId: string | null, name?: string): Promise<TFileMeta> {
  const form = new FormData();
  if (customerId) form.append('customerId', customerId);
  form.append('file', file, name ?? (file instanceof File ? file.name : 'file'));
  const res = await fetch('/api/v1/files', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': getCsrfToken() },
  });
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body, null);
  return body as TFileMeta;
}
