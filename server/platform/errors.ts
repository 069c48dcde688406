// Application errors rendered as RFC 9457 problem details (application/problem+json).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? title);
  }
}

export const badRequest = (message: string, errors?: FieldError[]) =>
  new AppError(400, 'Bad request', message, errors);
export const invalidField = (field: string, message: string) =>
  new AppError(422, 'Validation failed', `${field}: ${message}`, [{ field, message }]);
export const unauthorized = (message = 'Log in to continue') => new AppError(401, 'Unauthorized', message);
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError(403, 'Forbidden', message);
export const notFound = (what = 'Record') => new AppError(404, 'Not found', `${what} not found`);
export const conflict = (message: string, errors?: FieldError[]) =>
  new AppError(409, 'Conflict', message, errors);
export const staleVersion = (what = 'Record') =>
  new AppError(409, 'Conflict', `${what} was changed by someone else; reload and try again`, [
    { field: 'version', message: 'stale version' },
  ]);
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many attempts; try again later') =>
  new AppError(429, 'Too many requests', message, undefined, { 'retry-after': String(retryAfterSeconds) });

export const PROBLEM_TYPE = 'about:blank';

export function sendProblem(
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: PROBLEM_TYPE, title, status, detail, errors, requestId: String(reply.request.id) });
}

/** PostgreSQL error codes that are the client's fault, mapped to a 4xx. */
function fromPostgres(err: { code?: string; constraint?: string; detail?: string }): AppError | null {
  switch (err.code) {
    case '23505':
      return conflict(`A record with the same ${constraintField(err.constraint)} already exists`, [
        { field: constraintField(err.constraint), message: 'already exists' },
      ]);
    case '23503':
      return new AppError(422, 'Validation failed', 'A referenced record does not exist');
    case '23514':
    case '23502':
      return new AppError(
        422,
        'Validation failed',
        `The change breaks a rule (${err.constraint ?? 'constraint'})`,
      );
    case '22P02':
    case '22007':
    case '22008':
      return badRequest('A value has the wrong format');
    case '22003':
      return badRequest('A number is out of range');
    case '22001':
      return badRequest('A text is too long');
    case '22021':
      return badRequest('A text contains a character that cannot be stored');
    case '40001':
    case '40P01':
      return conflict('The record was changed at the same time; try again');
    default:
      return null;
  }
}

/** Drizzle wraps the driver's error; the PostgreSQL fields are on a cause down the chain. */
export function postgresErrorOf(err: unknown): { code?: string; constraint?: string; message?: string } {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur; i++) {
    const e = cur as { code?: unknown; severity?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && e.severity) return e as { code: string };
    cur = e.cause;
  }
  return {};
}

function constraintField(constraint?: string): string {
  // customers_code_idx → code
  if (!constraint) return 'value';
  const parts = constraint.split('_');
  return parts.length > 2 ? parts.slice(1, -1).join('_') : constraint;
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.headers) reply.headers(err.headers);
    return sendProblem(reply, err.status, err.title, err.message, err.errors);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const issue = v.params?.issue as { code?: string; keys?: string[] } | undefined;
      if (issue?.code === 'unrecognized_keys' && issue.keys?.length) {
        const field = [path, issue.keys[0]].filter(Boolean).join('.');
        return {
          field,
          message: `unknown field${issue.keys.length > 1 ? `s: ${issue.keys.join(', ')}` : ''}`,
        };
      }
      return { field: path || where, message: v.message ?? 'invalid' };
    });
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return sendProblem(reply, 400, 'Validation failed', `Invalid ${where}: ${detail}`, errors);
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return sendProblem(reply, 500, 'Internal server error', 'The server produced an invalid response');
  }
  const pg = fromPostgres(postgresErrorOf(err));
  if (pg) return sendProblem(reply, pg.status, pg.title, pg.message, pg.errors);
  if (isMalformedMultipart(err)) {
    return sendProblem(reply, 400, 'Bad request', 'The multipart body is malformed');
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const detail =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError'
        ? 'The request body is not valid JSON'
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'The request body is too large'
          : err.message;
    return sendProblem(reply, status, titleOf(status), detail);
  }
  request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, 500, 'Internal server error', 'Something went wrong; the error was logged');
}

/** busboy's parse errors carry no status; they are the client's malformed upload. */
function isMalformedMultipart(err: Error): boolean {
  return /^(Unexpected end of (form|file|multipart data)|Malformed (part header|urlencoded form)|Multipart: Boundary not found|Part terminated early)/i.test(
    err.message ?? '',
  );
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'Not acceptable',
    409: 'Conflict',
    413: 'Payload too large',
    415: 'Unsupported media type',
    422: 'Validation failed',
    429: 'Too many requests',
  };
  return titles[status] ?? 'Request error';
}
