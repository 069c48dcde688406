// npm run bench [name…]: runs every bench/*.bench.ts (or those named) one after another, then prints
// one summary table of every figure that has a target, read from bench/results/*.json (this run's
// results and the last run of the others).
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await fs.readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
const started = Date.now();
for (const file of files) {
  const mod = (await import(path.join(here, file))) as { run(): Promise<void> };
  console.log(`\n=== ${file}`);
  await mod.run();
}
await printSummary(path.join(here, 'results'), started);
process.exit(0);

async function printSummary(dir: string, since: number) {
  const names = (await fs.readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json')).sort();
  const rows: Record<string, Record<string, string | number>> = {};
  type Stored = BenchResult & { date: string };
  const results: Stored[] = [];
  for (const name of names) {
    const json = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as
      | Stored
      | Record<string, Stored>;
    // A file of several benches (`file` in the result) keeps each under its name.
    results.push(...('figures' in json ? [json as Stored] : Object.values(json as Record<string, Stored>)));
  }
  for (const result of results) {
    const fresh = Date.parse(result.date) >= since ? '' : ` (run ${result.date.slice(0, 10)})`;
    for (const [figure, target] of Object.entries(result.targets ?? {})) {
      const value = result.figures[figure];
      if (value === undefined) continue;
      const met =
        (target.max === undefined || value <= target.max) &&
        (target.min === undefined || value >= target.min);
      const baseline = target.baseline ? result.figures[target.baseline] : undefined;
      rows[`${result.name}.${figure}${fresh}`] = {
        value,
        unit: result.units[figure] ?? '',
        target: target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`,
        met: met
          ? 'yes'
          : `no (${(target.max !== undefined ? value / target.max : target.min! / value).toFixed(1)}× off)`,
        ratio: baseline ? `${(value / baseline).toFixed(3)} of ${target.baseline}` : '',
      };
    }
  }
  if (Object.keys(rows).length === 0) return;
  console.log('\n=== summary: figures with a target');
  console.table(rows);
}
