// The scan page's requests: one-time code, confirmation, uploads and the report (no login).
import type { TQrReportResult, TQrUpload } from '../../../../common/labels-api.ts';
import { ApiError, api, getCsrfToken } from '../../api/client.ts';

const base = (code: string) => `/api/v1/public/qr/${encodeURIComponent(code)}`;
export type Lang = 'zh-CN' | 'en';

export const sendOtp = (code: string, phone: string, lang: Lang) =>
  api.post<{ expiresAt: string }>(`${base(code)}/otp`, { phone, lang }, false);

export const verifyOtp = (code: string, phone: string, otp: string) =>
  api.post<{ proof: string; expiresAt: string }>(`${base(code)}/verify`, { phone, otp }, false);

export const submitReport = (
  code: string,
  body: { proof?: string; description: string; files: string[]; lang: Lang },
) => api.post<TQrReportResult>(`${base(code)}/report`, body);

/** One photo or video, under the confirmed phone's proof (none for the customer's signed-in user). */
export async function uploadReportFile(code: string, file: File, proof: string | null): Promise<TQrUpload> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = {};
  if (proof) headers['x-qr-proof'] = proof;
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`${base(code)}/files`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers,
  });
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body, null);
  return body as TQrUpload;
}
