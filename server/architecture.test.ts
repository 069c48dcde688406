// The layering of docs/architecture.md, checked on the source tree: each table has one owning module,
// and no other module runs SQL on it or imports its schema or repository.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const MODULES_DIR = path.join(ROOT, 'server/modules');
const modules = fs
  .readdirSync(MODULES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && /\.tsx?$/.test(f.name) && !/\.test\.ts$/.test(f.name))
    .map((f) => path.join(f.parentPath, f.name));
}

/** Table name → owning module, read from each module's schema.ts (platform's tables belong to platform). */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  const read = (file: string, owner: string) => {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/pgTable\(\s*'([a-z_]+)'/g)) owners.set(m[1]!, owner);
  };
  for (const m of modules) {
    const schema = path.join(MODULES_DIR, m, 'schema.ts');
    if (fs.existsSync(schema)) read(schema, m);
  }
  read(path.join(ROOT, 'server/platform/schema.ts'), 'platform');
  return owners;
}

/** SQL text that names a table: `from t`, `join t`, `update t`, `into t`, `delete from t`. */
function tablesNamedInSql(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b(?:from|join|update|into)\s+([a-z_]+)\b/gi)) found.push(m[1]!);
  return found;
}

describe('module boundaries', () => {
  it('lists every module in the lint rule that keeps modules behind their index.ts', () => {
    const biome = JSON.parse(fs.readFileSync(path.join(ROOT, 'biome.json'), 'utf8'));
    const groups: string[] = biome.overrides.flatMap(
      (o: {
        linter?: {
          rules?: { style?: { noRestrictedImports?: { options?: { patterns?: { group: string[] }[] } } } };
        };
      }) => o.linter?.rules?.style?.noRestrictedImports?.options?.patterns?.flatMap((p) => p.group) ?? [],
    );
    for (const m of modules) {
      expect(groups, `biome.json must restrict imports of ${m}`).toContain(`../${m}/*`);
      expect(groups, `biome.json must allow ${m}/index.ts`).toContain(`!../${m}/index.ts`);
    }
  });

  it("runs no SQL on another module's tables", () => {
    const owners = tableOwners();
    const violations: string[] = [];
    for (const m of modules) {
      for (const file of sourceFiles(path.join(MODULES_DIR, m))) {
        if (path.basename(file) === 'schema.ts') continue;
        const text = fs.readFileSync(file, 'utf8');
        for (const table of new Set(tablesNamedInSql(text))) {
          const owner = owners.get(table);
          if (owner && owner !== m && owner !== 'platform') {
            violations.push(`${path.relative(ROOT, file)}: ${table} (owned by ${owner})`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
