// The cost of our auth + permission + audit stack: an authenticated GET of a small record with 8
// concurrent clients, beside a bare Fastify route in the same process and run.
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createUser } from '../server/modules/accounts/index.ts';
import { createCustomer } from '../server/modules/registry/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { NO_JOBS } from '../server/platform/jobs.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, writeResult } from './harness.ts';

const CONNECTIONS = 8;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p99,
  };
}

export async function run() {
  const bench = await openBenchDatabase();
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, {
      code: 'BENCH',
      name: '基准测试客户',
      contactPhone: '021-00000000',
    });
    await createUser(ctx, {
      kind: 'staff',
      username: 'bench-agent',
      displayName: 'Bench',
      roles: ['agent'],
      locale: 'zh-CN',
      password: 'quiet-harbour-lights-1',
    });
    const config = loadConfig({}, { LOG_LEVEL: 'silent', DATA_DIR: '/tmp/aftercare-bench-files' } as never);
    const app = await buildApp(
      {
        config,
        db: bench.db,
        clock: systemClock,
        blobStore: new LocalBlobStore(config.blobDir),
        mailer: { send: async () => {} },
        jobs: NO_JOBS,
      },
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const loginRes = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-agent', password: 'quiet-harbour-lights-1' }),
    });
    const cookie = loginRes.headers.get('set-cookie')!.split(';')[0]!;

    const bare = Fastify({ logger: false });
    bare.get('/record', async () => customer);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/record`;

    await load(bareUrl); // warm-up
    const bareResult = await load(bareUrl);
    const appResult = await load(`${base}/api/v1/customers/${customer.id}`, { cookie });
    await app.close();
    await bare.close();
    await writeResult({
      name: 'auth-get',
      params: { connections: CONNECTIONS, durationSeconds: DURATION_S },
      figures: {
        app_rps: appResult.rps,
        app_p50_ms: appResult.p50,
        app_p97_5_ms: appResult.p95,
        bare_rps: bareResult.rps,
        bare_p50_ms: bareResult.p50,
        bare_p97_5_ms: bareResult.p95,
        ratio_bare_over_app: Number((bareResult.rps / appResult.rps).toFixed(2)),
      },
      units: {
        app_rps: 'requests/s',
        app_p50_ms: 'ms',
        app_p97_5_ms: 'ms',
        bare_rps: 'requests/s',
        bare_p50_ms: 'ms',
        bare_p97_5_ms: 'ms',
        ratio_bare_over_app: 'x',
      },
    });
  } finally {
    await bench.close();
  }
}
