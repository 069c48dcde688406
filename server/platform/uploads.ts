// Reading the one file of a multipart upload, with the same answers on every upload route:
// 415 when the body is not multipart, 400 when it holds no file or is malformed, 413 when too large.
import { pipeline, type Readable, Transform } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from './errors.ts';

export interface UploadedFile {
  filename: string;
  data: Buffer;
  /** Text fields sent before the file part. */
  field(name: string): string | undefined;
}

export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!request.isMultipart()) throw new AppError(415, 'Unsupported media type', 'Send multipart/form-data');
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (!part) throw badRequest('No file in the request', [{ field: 'file', message: 'required' }]);
  const file = part;
  const data = await file.toBuffer().catch((err: unknown) => {
    throw uploadError(err, maxBytes);
  });
  return {
    filename: file.filename,
    data,
    field: (name) => {
      const f = file.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' ? f.value : undefined;
    },
  };
}

export interface UploadedStream {
  filename: string;
  /** The file's bytes as they arrive; fails with a 413 AppError past the size limit. */
  stream: Readable;
  /** Text fields sent before the file part. */
  field(name: string): string | undefined;
}

/** The one file of a multipart upload as a stream, so that no upload is held whole in memory. */
export async function readUploadedStream(request: FastifyRequest, maxBytes: number): Promise<UploadedStream> {
  if (!request.isMultipart()) throw new AppError(415, 'Unsupported media type', 'Send multipart/form-data');
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (!part) throw badRequest('No file in the request', [{ field: 'file', message: 'required' }]);
  const file = part;
  // Busboy ends a file cut at the limit as if it were complete (and may have cut it before we
  // listen): a file that arrives truncated ends with a 413 instead.
  const tooLarge = () => uploadError({ code: 'FST_REQ_FILE_TOO_LARGE' }, maxBytes);
  const stream = new Transform({
    transform(chunk, _encoding, done) {
      done(file.file.truncated ? tooLarge() : null, chunk);
    },
    flush(done) {
      done(file.file.truncated ? tooLarge() : null);
    },
  });
  pipeline(file.file, stream, () => {}); // an error reaches whoever reads `stream`
  return {
    filename: file.filename,
    stream,
    field: (name) => {
      const f = file.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' ? f.value : undefined;
    },
  };
}

/** A failure while reading an upload's stream, as the answer the client gets. */
export function uploadError(err: unknown, maxBytes: number): AppError {
  if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError(413, 'Payload too large', `Files are limited to ${maxBytes} bytes`, [
      { field: 'file', message: 'too large' },
    ]);
  }
  if (err instanceof AppError) return err;
  return badRequest('The multipart body is malformed', [{ field: 'file', message: 'malformed upload' }]);
}
