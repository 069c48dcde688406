import { ApiError, getCsrfToken } from '../../api/client.ts';

/** Uploads an Excel file to import (multipart, so not through the JSON client); answers the import's id. */
export async function uploadImport(input: { entity: string; mode: string; file: Blob }): Promise<string> {
  const form = new FormData();
  form.append('entity', input.entity);
  form.append('mode', input.mode);
  form.append('file', input.file);
  const res = await fetch('/api/v1/imports', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': getCsrfToken() },
  });
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body, null);
  return body.id;
}
