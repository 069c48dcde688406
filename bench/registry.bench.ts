// Registry at scale: import of 10⁵ equipment rows from Excel (seconds, peak memory) and the
// equipment list with filters and Chinese substring search at 10⁵ assets (p50/p95 ms).
// Targets from the registry issue: import < 60 s within 500 MB; list p95 < 50 ms.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createUser } from '../server/modules/accounts/index.ts';
import { runImport, startImport } from '../server/modules/registry/import-service.ts';
import { createCustomer, createProduct, createProject } from '../server/modules/registry/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { NO_JOBS } from '../server/platform/jobs.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, writeResult } from './harness.ts';

const ROWS = Number(process.env.BENCH_ASSETS ?? 100_000);
const PROJECTS = 200;
const SAMPLES = 200;

const WORDS = ['太阳能路灯杆', 'LED灯头', '驱动电源', '冷水机组', '水泵', '配电柜', '风机盘管', '控制器'];

async function writeWorkbook(file: string, projectCodes: string[], models: string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = wb.addWorksheet('assets');
  sheet.addRow(['项目编码', '产品型号', '序列号', '设备名称', '安装位置', '验收日期']).commit();
  for (let i = 0; i < ROWS; i++) {
    const w = WORDS[i % WORDS.length]!;
    sheet
      .addRow([
        projectCodes[i % projectCodes.length],
        models[i % models.length],
        `SN-${String(i).padStart(7, '0')}`,
        `${w} ${i}`,
        `${(i % 97) + 1}号位置`,
        '2025-06-01',
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run() {
  const bench = await openBenchDatabase();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-registry-'));
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, { code: 'BENCH', name: '基准测试业主' });
    const projectCodes: string[] = [];
    for (let i = 0; i < PROJECTS; i++) {
      const code = `BP-${i}`;
      await createProject(ctx, { customerId: customer.id, code, name: `基准项目 ${i}` });
      projectCodes.push(code);
    }
    const models: string[] = [];
    for (let i = 0; i < WORDS.length; i++) {
      models.push(
        (
          await createProduct(ctx, {
            model: `BM-${i}`,
            name: WORDS[i]!,
            category: 'bench',
            sizeClass: 'medium',
          })
        ).model,
      );
    }
    const file = path.join(dir, 'assets.xlsx');
    await writeWorkbook(file, projectCodes, models);
    const blobs = new LocalBlobStore(path.join(dir, 'files'));

    // --- import
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const job = await startImport(ctx, blobs, {
      entity: 'assets',
      mode: 'all_or_nothing',
      fileName: 'assets.xlsx',
      data: await fs.readFile(file),
    });
    await runImport(ctx, blobs, job.id);
    const importSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const status = await bench.pool.query(
      'select status, imported_rows, error_count from imports where id = $1',
      [job.id],
    );
    if (status.rows[0].imported_rows !== ROWS)
      throw new Error(`import incomplete: ${JSON.stringify(status.rows[0])}`);
    await bench.pool.query('analyze');

    // --- list queries through the HTTP stack
    await createUser(ctx, {
      kind: 'staff',
      username: 'bench-agent',
      displayName: 'Bench',
      roles: ['agent'],
      locale: 'zh-CN',
      password: 'quiet-harbour-lights-1',
    });
    const config = loadConfig({}, { LOG_LEVEL: 'silent', DATA_DIR: dir } as never);
    const app = await buildApp(
      {
        config,
        db: bench.db,
        clock: systemClock,
        blobStore: blobs,
        mailer: { send: async () => {} },
        jobs: NO_JOBS,
      },
      { logger: false },
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bench-agent', password: 'quiet-harbour-lights-1' },
    });
    const cookie = `ac_session=${login.cookies.find((c) => c.name === 'ac_session')?.value}`;
    const projectId = (await bench.pool.query(`select id from projects where code = 'BP-7'`)).rows[0].id;
    const shapes: Record<string, () => string> = {
      list_first_page: () => '/api/v1/assets?limit=50',
      by_project: () => `/api/v1/assets?projectId=${projectId}&limit=50`,
      search_chinese: () => `/api/v1/assets?q=${encodeURIComponent('路灯')}&limit=50`,
      search_serial: () => `/api/v1/assets?q=SN-00${Math.floor(Math.random() * 90000 + 1000)}&limit=50`,
      status_filter: () => '/api/v1/assets?status=in_service&limit=50',
    };
    const figures: Record<string, number> = {
      import_rows: ROWS,
      import_seconds: Number(importSeconds.toFixed(1)),
      import_rows_per_second: Math.round(ROWS / importSeconds),
      import_peak_rss_mb: Math.round(peakRss / 2 ** 20),
      import_rss_growth_mb: Math.round((peakRss - baseRss) / 2 ** 20),
    };
    const units: Record<string, string> = {
      import_rows: 'rows',
      import_seconds: 's',
      import_rows_per_second: 'rows/s',
      import_peak_rss_mb: 'MB',
      import_rss_growth_mb: 'MB',
    };
    for (const [name, url] of Object.entries(shapes)) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: url(), headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      figures[`${name}_p50_ms`] = Number(percentile(times, 50).toFixed(1));
      figures[`${name}_p95_ms`] = Number(percentile(times, 95).toFixed(1));
      units[`${name}_p50_ms`] = 'ms';
      units[`${name}_p95_ms`] = 'ms';
    }
    await app.close();
    await writeResult({
      name: 'registry',
      params: { assets: ROWS, projects: PROJECTS, samples: SAMPLES },
      figures,
      units,
    });
  } finally {
    await bench.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
