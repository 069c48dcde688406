// The console's landing screen (an agent's ticket list: the layout and the list) in one
// round trip after the HTML: their modules go to one `console` chunk (vite.config.ts) and
// `console.html`, the page the server sends for /console addresses, preloads that chunk and antd's
// next to the entry, so the browser fetches them while the entry still loads instead of after it ran.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The route modules of the ticket list (router.tsx's lazy imports). */
const LANDING = [
  'src/app/RequirePermission.tsx',
  'src/pages/console/ConsoleLayout.tsx',
  'src/pages/tickets/TicketsPage.tsx',
];
/** Preloaded too, in its own chunk: the portal's and the public pages' screens load it as well. */
const SHELL = 'src/app/AntShell.tsx';

/**
 * Barrels (`import { Button } from 'antd'`) are not followed: they reach every component, and which of
 * them a screen uses is known only after tree-shaking; those modules stay in the automatic chunks.
 */
const BARREL = /node_modules[\\/](antd[\\/]es[\\/]index\.js|@ant-design[\\/]icons[\\/]es[\\/]index\.js)/;

/** Filled at the end of the module graph's build, read by the chunk groups' tests (vite.config.ts). */
export const consoleModules = new Set<string>();
export const entryModules = new Set<string>();

interface BundleChunk {
  type: string;
  name?: string;
  imports?: string[];
  moduleIds?: readonly string[];
  facadeModuleId?: string | null;
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * What a console screen loads before its first render and index.html does not already name: the
 * chunks holding the landing modules, the shell and the `console` chunk with what they import, and
 * their stylesheets.
 */
export function consolePreloads(bundle: Record<string, BundleChunk>, html: string, roots: string[]) {
  const scripts = new Set<string>();
  const add = (file: string) => {
    const chunk = bundle[file];
    if (chunk?.type !== 'chunk' || scripts.has(file)) return;
    scripts.add(file);
    for (const dep of chunk.imports ?? []) add(dep);
  };
  for (const [file, chunk] of Object.entries(bundle)) {
    // a route module's chunk, or the small chunk the router imports it by when it lives in another
    const isRoot = (id: string | null | undefined) => id != null && roots.includes(id);
    if (chunk.name === 'console' || isRoot(chunk.facadeModuleId) || chunk.moduleIds?.some(isRoot)) add(file);
  }
  const styles = [...scripts].flatMap((file) => [...(bundle[file]?.viteMetadata?.importedCss ?? [])]);
  const fresh = (file: string) => !html.includes(`/${file}"`);
  return { scripts: [...scripts].filter(fresh).sort(), styles: [...new Set(styles)].filter(fresh) };
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
      entryModules.clear();
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
      const main = path.join(root, 'src/main.tsx');
      const entry = closure([main]);
      // main.tsx stays the entry chunk itself (it awaits the saved language before the first render)
      for (const id of entry) if (!id.includes('node_modules') && id !== main) entryModules.add(id);
      for (const id of closure(LANDING.map((f) => path.join(root, f)))) {
        if (!entry.has(id)) consoleModules.add(id);
      }
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(root, 'dist');
      const html = await fs.readFile(path.join(dir, 'index.html'), 'utf8');
      const roots = [...LANDING, SHELL].map((f) => path.join(root, f));
      const { scripts, styles } = consolePreloads(bundle as Record<string, BundleChunk>, html, roots);
      const tags = (list: string[], tag: (file: string) => string) =>
        list.map((f) => `    ${tag(f)}\n`).join('');
      // antd's stylesheet before the app's (index.html's), as antd's generated styles were
      const page = html
        .replace(
          / {4}<link rel="stylesheet"/,
          (first) => `${tags(styles, (f) => `<link rel="stylesheet" crossorigin href="/${f}">`)}${first}`,
        )
        .replace(
          '  </head>',
          `${tags(scripts, (f) => `<link rel="modulepreload" crossorigin href="/${f}">`)}  </head>`,
        );
      await fs.writeFile(path.join(dir, 'console.html'), page);
    },
  };
}
