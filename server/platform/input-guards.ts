// Text PostgreSQL cannot store, refused at the door with the field named: a NUL character (which
// text columns reject) and an unpaired UTF-16 surrogate (not Unicode; it would be stored as U+FFFD
// in one column and refused in another). One rule for every body, query string and path parameter.
import type { FastifyInstance } from 'fastify';
import { badRequest, type FieldError } from './errors.ts';

const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (or key) under `value` that cannot be stored as text, with its path. */
export function findUnstorableText(value: unknown, path = '', depth = 0): FieldError | null {
  if (typeof value === 'string') return textProblem(value, path);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], join(path, String(i)), depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    const keyProblem = textProblem(key, join(path, key));
    if (keyProblem) return keyProblem;
    const found = findUnstorableText(v, join(path, key), depth + 1);
    if (found) return found;
  }
  return null;
}

function textProblem(s: string, field: string): FieldError | null {
  if (s.includes('\u0000')) return { field: field || 'value', message: 'contains a NUL character' };
  if (LONE_SURROGATE.test(s)) {
    return { field: field || 'value', message: 'contains an unpaired surrogate (not valid Unicode text)' };
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Checks params, query and body of every request before its schema runs. */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const problem = findUnstorableText(value);
      if (problem) {
        throw badRequest(`Invalid ${where}: ${problem.field}: ${problem.message}`, [problem]);
      }
    }
  });
}
