import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageFrom } from './pagination.ts';

describe('cursor', () => {
  it('decodes what it encodes, for any key', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), fc.uuid(), (v, id) => {
        expect(decodeCursor(encodeCursor({ v, id }))).toEqual({ v, id });
      }),
    );
  });

  it('rejects a cursor it did not make with a 400 naming the field', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrowError(expect.objectContaining({ status: 400 }));
    }
  });

  it('gives a next cursor only when more rows exist', () => {
    const rows = [1, 2, 3].map((n) => ({ id: String(n) }));
    expect(pageFrom(rows, 3, (r) => ({ v: null, id: r.id })).nextCursor).toBeNull();
    const page = pageFrom(rows, 2, (r) => ({ v: null, id: r.id }));
    expect(page.items).toHaveLength(2);
    expect(decodeCursor(page.nextCursor!)).toEqual({ v: null, id: '2' });
  });
});
