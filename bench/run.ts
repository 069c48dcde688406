// npm run bench [name…]: runs every bench/*.bench.ts (or those named) one after another.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await fs.readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const file of files) {
  const mod = (await import(path.join(here, file))) as { run(): Promise<void> };
  console.log(`\n=== ${file}`);
  await mod.run();
}
process.exit(0);
