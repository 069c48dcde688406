import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, LocalBlobStore } from './blob-store.ts';

describe('attachmentDisposition', () => {
  it('always yields an attachment whose RFC 5987 name decodes to the original and has no header breakers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (name) => {
        const header = attachmentDisposition(name);
        expect(header.startsWith('attachment; ')).toBe(true);
        expect(header).not.toMatch(/[\r\n]/);
        const encoded = header.split("filename*=UTF-8''")[1]!;
        expect(encoded).toMatch(/^[A-Za-z0-9%!._~-]*$/);
        expect(decodeURIComponent(encoded)).toBe(name);
        const quoted = /filename="([^"]*)"/.exec(header)?.[1];
        expect(quoted).toBeDefined();
      }),
    );
  });
});

describe('LocalBlobStore', () => {
  it('stores, lists, reads back and deletes, refusing keys that escape its folder', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'blobs-'));
    const store = new LocalBlobStore(root);
    await store.put('ab/one', Buffer.from('hello'));
    const chunks: Buffer[] = [];
    for await (const c of await store.get('ab/one')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    const keys: string[] = [];
    for await (const k of store.list()) keys.push(k);
    expect(keys).toEqual(['ab/one']);
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toThrow(/unsafe/);
    await expect(store.put('/etc/passwd', Buffer.from('x'))).rejects.toThrow(/unsafe/);
    await store.delete('ab/one');
    await expect(store.get('ab/one')).rejects.toThrow();
    await fs.rm(root, { recursive: true });
  });
});
