// Multipart uploads through app.inject, as the browser sends them.
import type { TestApp } from './helpers.ts';

export function multipartBody(
  name: string,
  data: Buffer,
  contentType = 'application/octet-stream',
  extra: Record<string, string> = {},
) {
  const boundary = '----aftercare-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(extra)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function uploadFile(
  t: TestApp,
  session: { cookie: string; csrf: string },
  name: string,
  data: Buffer,
  extra: Record<string, string> = {},
) {
  const body = multipartBody(name, data, 'application/octet-stream', extra);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}
