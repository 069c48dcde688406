// Excel import and export at 10⁵ equipment rows: import time, peak RSS while importing and RSS after a
// full garbage collection (memory returned), then a streamed export of the same rows over HTTP (time,
// bytes, peak RSS). Targets from issue 14: import < 60 s and < 300 MB peak; export with no row cap.
import { execFile, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { runImport, startImport } from '../server/modules/registry/import-service.ts';
import { createCustomer, createProduct, createProject } from '../server/modules/registry/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, startBenchApp, writeResult } from './harness.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PROJECTS = 200;
const WORDS = ['太阳能路灯杆', 'LED灯头', '驱动电源', '冷水机组', '水泵', '配电柜', '风机盘管', '控制器'];
const run$ = promisify(execFile);
const MB = 2 ** 20;

/** `gc()` without restarting node with --expose-gc. */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** The workbook, written by a child process (bench/import-workbook.ts). */
async function writeWorkbook(file: string, projectCodes: string[], models: string[]) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-workbook.ts');
  await run$(process.execPath, [
    '--import',
    'tsx',
    script,
    file,
    String(ROWS),
    projectCodes.join(','),
    models.join(','),
  ]);
}

/**
 * Samples RSS every 25 ms until stopped; returns the peak, and the main thread's V8 heap (total) at its
 * own peak: the difference is what lies outside that heap (a worker's heap, buffers, the allocator).
 */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapTotal;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heap = Math.max(heap, m.heapTotal);
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
    heapPeak: () => heap,
  };
}

async function settledRss(gc: () => void) {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage().rss;
}

/** The server's V8 heap cap, from the `aftercare` command's first line (bin/aftercare.js). */
async function serverHeapFlag(): Promise<string | null> {
  const first = (await fs.readFile(path.resolve('bin/aftercare.js'), 'utf8')).split('\n')[0] ?? '';
  return first.match(/--max-old-space-size=\d+/)?.[0] ?? null;
}

export async function run() {
  // The import runs in this process as the job runs it in the server: with the server's heap cap, so
  // the memory figures are the server's. Without it, the bench runs again in a child that has it.
  const flag = await serverHeapFlag();
  const limitMb = v8.getHeapStatistics().heap_size_limit / MB;
  const wantedMb = Number(flag?.split('=')[1] ?? 0);
  if (flag && (limitMb > wantedMb * 1.25 || limitMb < wantedMb)) {
    const child = spawnSync(process.execPath, [flag, '--import', 'tsx', 'bench/run.ts', 'import'], {
      stdio: 'inherit',
    });
    if (child.status !== 0) throw new Error(`import bench under ${flag} failed (${child.status})`);
    return;
  }
  const gc = exposeGc();
  const bench = await openBenchDatabase();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-import-'));
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, { code: 'BENCH', name: '基准测试业主' });
    const projectCodes: string[] = [];
    for (let i = 0; i < PROJECTS; i++) {
      await createProject(ctx, { customerId: customer.id, code: `BP-${i}`, name: `基准项目 ${i}` });
      projectCodes.push(`BP-${i}`);
    }
    const models: string[] = [];
    for (let i = 0; i < WORDS.length; i++) {
      const product = await createProduct(ctx, {
        model: `BM-${i}`,
        name: WORDS[i]!,
        category: 'bench',
        sizeClass: 'medium',
      });
      models.push(product.model);
    }
    const file = path.join(dir, 'assets.xlsx');
    await writeWorkbook(file, projectCodes, models);
    const fileBytes = (await fs.stat(file)).size;
    const blobs = new LocalBlobStore(path.join(dir, 'files'));

    // --- import, as the job runs it
    const baseRss = await settledRss(gc);
    const importSampler = rssSampler();
    const started = performance.now();
    const job = await startImport(ctx, blobs, {
      entity: 'assets',
      mode: 'all_or_nothing',
      fileName: 'assets.xlsx',
      data: await fs.readFile(file),
    });
    await runImport(ctx, blobs, job.id);
    const importSeconds = (performance.now() - started) / 1000;
    const importPeak = importSampler.stop();
    const afterImportRss = await settledRss(gc);
    const status = await bench.pool.query(
      'select status, imported_rows, message from imports where id = $1',
      [job.id],
    );
    if (status.rows[0].imported_rows !== ROWS)
      throw new Error(`import incomplete: ${JSON.stringify(status.rows[0])}`);

    // --- streamed export of every row over HTTP, read as it comes
    const target = await startBenchApp(bench.db);
    const exportBase = await settledRss(gc);
    const exportSampler = rssSampler();
    const exportStarted = performance.now();
    const res = await fetch(`${target.base}/api/v1/exports/assets`, { headers: { cookie: target.cookie } });
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    const exportFile = path.join(dir, 'export.xlsx');
    const out = createWriteStream(exportFile);
    await pipeline(Readable.fromWeb(res.body as never), out);
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const exportPeak = exportSampler.stop();
    const exportBytes = (await fs.stat(exportFile)).size;
    await target.app.close();
    const exported = await countDataRows(exportFile);

    await writeResult({
      name: 'import',
      params: {
        rows: ROWS,
        fileMB: Number((fileBytes / MB).toFixed(1)),
        node: process.version,
        heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / MB),
      },
      figures: {
        import_seconds: Number(importSeconds.toFixed(1)),
        import_rows_per_second: Math.round(ROWS / importSeconds),
        import_rss_before_mb: Math.round(baseRss / MB),
        import_peak_rss_mb: Math.round(importPeak / MB),
        import_rss_after_gc_mb: Math.round(afterImportRss / MB),
        import_peak_main_heap_mb: Math.round(importSampler.heapPeak() / MB),
        export_seconds: Number(exportSeconds.toFixed(1)),
        export_rows: exported,
        export_mb: Number((exportBytes / MB).toFixed(1)),
        export_peak_rss_mb: Math.round(exportPeak / MB),
        export_rss_growth_mb: Math.round((exportPeak - exportBase) / MB),
      },
      units: {
        import_seconds: 's',
        import_rows_per_second: 'rows/s',
        import_rss_before_mb: 'MB',
        import_peak_rss_mb: 'MB',
        import_rss_after_gc_mb: 'MB',
        import_peak_main_heap_mb: 'MB',
        export_seconds: 's',
        export_rows: 'rows',
        export_mb: 'MB',
        export_peak_rss_mb: 'MB',
        export_rss_growth_mb: 'MB',
      },
      targets: {
        import_seconds: { max: 60 },
        import_peak_rss_mb: { max: 300 },
        // "memory returned": at most 50 MB above where the import started
        import_rss_after_gc_mb: { max: Math.round(baseRss / MB) + 50 },
        export_rows: { min: ROWS },
      },
    });
  } finally {
    await bench.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The data rows of a workbook (the header row not counted), read back as a stream. */
async function countDataRows(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit' });
  for await (const sheet of reader) for await (const _row of sheet) rows++;
  return rows - 1;
}
