// The console's landing screen (an agent's ticket list: the layout and the list) in one
// round trip after the HTML: their modules go to one `console` chunk (vite.config.ts) and
// `console.html`, the page the server sends for /console addresses, preloads that chunk and antd's
// next to the entry, so the browser fetches them while the entry still loads instead of after it ran.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The route modules of the ticket list (router.tsx's lazy imports). */
const LANDING = [
  'src/app/AntShell.tsx',
  'src/app/RequirePermission.tsx',
  'src/pages/console/ConsoleLayout.tsx',
  'src/pages/tickets/TicketsPage.tsx',
];

/**
 * Barrels (`import { Button } from 'antd'`) are not followed: they reach every component, and which of
 * them a screen uses is known only after tree-shaking; those modules stay in the automatic chunks.
 */
const BARREL = /node_modules[\\/](antd[\\/]es[\\/]index\.js|@ant-design[\\/]icons[\\/]es[\\/]index\.js)/;

/** Filled at the end of the module graph's build, read by the `console` chunk group's test. */
export const consoleModules = new Set<string>();

/** The chunks a console screen loads before its first render, as `<link rel=modulepreload>` tags. */
export function consolePreloads(
  bundle: Record<string, { type: string; name?: string; imports?: string[] }>,
  html: string,
): string[] {
  const names = new Set<string>();
  const add = (file: string) => {
    const chunk = bundle[file];
    if (chunk?.type !== 'chunk' || names.has(file)) return;
    names.add(file);
    for (const dep of chunk.imports ?? []) add(dep);
  };
  for (const [file, chunk] of Object.entries(bundle)) {
    if (chunk.type === 'chunk' && (chunk.name === 'console' || chunk.name === 'antd')) add(file);
  }
  return [...names].filter((file) => !html.includes(`/${file}"`)).sort();
}

export function consoleChunk(): Plugin {
  let root = '';
  return {
    name: 'aftercare:console-chunk',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    buildEnd() {
      consoleModules.clear();
      const closure = (ids: string[]) => {
        const seen = new Set<string>();
        const visit = (id: string) => {
          if (seen.has(id) || BARREL.test(id)) return;
          seen.add(id);
          for (const dep of this.getModuleInfo(id)?.importedIds ?? []) visit(dep);
        };
        for (const id of ids) visit(id);
        return seen;
      };
      const entry = closure([path.join(root, 'src/main.tsx')]);
      for (const id of closure(LANDING.map((f) => path.join(root, f)))) {
        if (!entry.has(id)) consoleModules.add(id);
      }
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(root, 'dist');
      const html = await fs.readFile(path.join(dir, 'index.html'), 'utf8');
      const links = consolePreloads(bundle, html)
        .map((file) => `    <link rel="modulepreload" crossorigin href="/${file}">\n`)
        .join('');
      await fs.writeFile(path.join(dir, 'console.html'), html.replace('  </head>', `${links}  </head>`));
    },
  };
}
