// Cursor pagination with a stable sort: the cursor carries the last row's sort key and id.

import { badRequest } from './errors.ts';
import { findUnstorableText } from './input-guards.ts';

export interface CursorKey {
  v: string | number | null;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.v, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const storable = findUnstorableText(parsed) === null;
    if (storable && Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const v = parsed[0];
      if (v === null || typeof v === 'string' || typeof v === 'number') return { v, id: parsed[1] };
    }
  } catch {
    /* fall through */
  }
  throw badRequest('cursor is not valid', [
    { field: 'cursor', message: 'not a cursor returned by this list' },
  ]);
}

/** Fetch limit + 1 rows; return the page and the cursor of its last row when more exist. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
