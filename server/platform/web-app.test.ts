// The built console as the server sends it: pre-compressed copies when the browser accepts them,
// hashed assets cached for a year, index.html revalidated on every visit.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, registerWebApp, webAppPage } from './web-app.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('你好，'.repeat(400))};\n`;
const CONSOLE_PAGE =
  '<!doctype html><link rel="modulepreload" href="/assets/console-AbC123.js"><div id="root"></div>';
let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-web-'));
  await fs.mkdir(path.join(dir, 'assets'));
  const script = path.join(dir, 'assets', 'index-AbC123.js');
  await fs.writeFile(script, SCRIPT);
  await fs.writeFile(`${script}.br`, zlib.brotliCompressSync(SCRIPT));
  await fs.writeFile(`${script}.gz`, zlib.gzipSync(SCRIPT));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  await fs.writeFile(path.join(dir, 'console.html'), CONSOLE_PAGE);
  app = Fastify();
  await registerWebApp(app, dir);
  // as server/app.ts does: every other address is the single-page app
  const pageOf = webAppPage(dir);
  app.setNotFoundHandler((request, reply) => reply.type('text/html').sendFile(pageOf(request.url)));
});
afterAll(async () => {
  await app.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the built console', () => {
  it('sends a hashed script as brotli when the browser accepts it, cached for a year', async () => {
    const res = await app.inject({
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a browser that does not accept brotli, and the plain file to one that accepts neither', async () => {
    const gz = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await app.inject({
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body).toBe(SCRIPT);
  });

  it('has index.html revalidated on every visit, at its own address and at the app routes', async () => {
    for (const url of ['/index.html', '/console/tickets', '/console', '/login']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
      expect(res.body, url).toContain('<div id="root">');
    }
  });

  it("sends the console's addresses the page that preloads the console's chunks, the others index.html", async () => {
    for (const url of ['/console', '/console/tickets', '/console/tickets?queue=mine', '/console?x=1']) {
      const res = await app.inject({ url });
      expect(res.body, url).toBe(CONSOLE_PAGE);
    }
    for (const url of ['/login', '/portal', '/consoles', '/']) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('modulepreload');
    }
  });
});
