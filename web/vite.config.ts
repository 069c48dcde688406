import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { consoleChunk, consoleModules, entryModules } from './console-chunk.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `<file>.br` and `<file>.gz` next to every text asset once, at build time, at the highest
 * levels: the server sends them as they are (@fastify/static `preCompressed`) instead of compressing
 * on each request.
 */
function precompress(): Plugin {
  return {
    name: 'aftercare:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(here, 'dist');
      const files = Object.keys(bundle).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f));
      await Promise.all(
        files.map(async (file) => {
          const data = await fs.readFile(path.join(dir, file));
          if (data.length < 1024) return; // not worth a second request header
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          await fs.writeFile(path.join(dir, `${file}.br`), br);
          await fs.writeFile(path.join(dir, `${file}.gz`), gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), consoleChunk(), precompress()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // What every screen needs, the login page included; changes only with an upgrade, so it
            // stays in the browser's cache across releases of the app's own code.
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|@tanstack|void-elements|html-parse-stringify)[\\/]/,
              priority: 20,
            },
            // antd's parts that most screens share (theme, buttons, table, form…) as one chunk loaded
            // with the first screen behind the login; what few screens use stays with them.
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion|stylis)[\\/]/,
              minShareCount: 20,
              priority: 10,
            },
            // The app's code the entry imports (router, login page, locales, API client) stays together,
            // out of the `console` chunk below that would otherwise take what it shares with it.
            { name: 'app', test: (id) => entryModules.has(id), priority: 15 },
            // The icons more than one screen shows, together: one request instead of one per icon.
            {
              name: 'icons',
              test: /node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/,
              minShareCount: 2,
              priority: 8,
            },
            // The rest of what the console's layout and ticket list need (antd's less shared parts
            // included) as one chunk instead of dozens of small ones: console.html preloads it with
            // the entry (see console-chunk.ts). What the entry holds stays there (the login page
            // needs it and loads no console code).
            { name: 'console', test: (id) => consoleModules.has(id), priority: 5 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
