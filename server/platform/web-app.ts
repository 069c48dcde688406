// The built console (web/dist): hashed files under /assets are cached by browsers for a year and
// never revalidated (a new build has new names); index.html and the other files are revalidated on
// every visit, so a release reaches users on their next page load. Text files are sent as the brotli
// or gzip copies the build wrote next to them when the browser accepts that encoding. The console's
// addresses get console.html, the same page with the console's chunks preloaded (web/console-chunk.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** A page holding the caller's own data: no shared cache keeps it, the browser asks again each visit. */
export const PERSONAL_PAGE = 'private, no-store';
/** Where the build's hashed files are served: public, the same for every caller. */
export const ASSETS_PREFIX = '/assets/';

export async function registerWebApp(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false, // set below, per file
    setHeaders(res, filePath) {
      const file = path.relative(root, filePath).split(path.sep).join('/');
      res.setHeader('cache-control', file.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
      res.setHeader('vary', 'accept-encoding');
    },
  });
}

/**
 * The single-page app's page for an address the server has no route for: console.html under
 * /console (when the build wrote it), index.html elsewhere.
 */
export function webAppPage(root: string): (url: string) => string {
  const hasConsolePage = existsSync(path.join(root, 'console.html'));
  return (url) => (hasConsolePage && /^\/console(\/|\?|$)/.test(url) ? 'console.html' : 'index.html');
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * A page made for this request (the ticket list with its first rows): compressed as the build's files
 * are, brotli at a quality that costs a few milliseconds for a list's page, and never cached.
 */
export async function sendPersonalPage(request: FastifyRequest, reply: FastifyReply, html: string) {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  reply
    .type('text/html; charset=utf-8')
    .header('cache-control', PERSONAL_PAGE)
    .header('vary', 'cookie, accept-encoding');
  if (/\bbr\b/.test(accepted)) {
    const body = await brotli(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header('content-encoding', 'br').send(body);
  }
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(await gzip(html));
  return reply.send(html);
}
