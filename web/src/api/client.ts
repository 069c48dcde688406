// The web app's API client: JSON over fetch, the session cookie, the CSRF token echoed on changes,
// Idempotency-Key on creating POSTs, and problem+json errors turned into ApiError.
import type { TProblem } from '../../../common/api.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: TProblem,
    readonly retryAfter: number | null,
  ) {
    super(problem.detail ?? problem.title);
  }
  fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

let csrfToken = '';
export function setCsrfToken(token: string) {
  csrfToken = token;
}
export const getCsrfToken = () => csrfToken;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Send a fresh Idempotency-Key (creating POSTs), so a retried click creates nothing twice. */
  idempotent?: boolean;
}

export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotent) headers['idempotency-key'] = crypto.randomUUID();
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const problem: TProblem = data?.title
      ? data
      : { type: 'about:blank', title: res.statusText, status: res.status, detail: res.statusText };
    const retry = res.headers.get('retry-after');
    throw new ApiError(res.status, problem, retry ? Number(retry) : null);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query']) => apiRequest<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, idempotent = true) =>
    apiRequest<T>('POST', path, { body, idempotent }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
