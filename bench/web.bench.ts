// The console's first render, cold, in Chromium (the e2e tests' browser) against the built web app
// (`npm run build:web` first) on a bench database: the login page until its form is visible, and the
// ticket list of a logged-in agent until its rows are visible, each in a fresh browser context (empty
// cache); then the ticket list again in the same context (warm cache). Time is the page's own clock
// from navigation start; bytes are what went over the wire (compressed sizes and headers).
// Target from issue 14: < 1 s cold for both.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/chromium.ts';
import { WEB_DIST } from '../server/app.ts';
import { createUser } from '../server/modules/accounts/index.ts';
import { createCustomer } from '../server/modules/registry/index.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, startBenchApp, writeResult } from './harness.ts';

const ROUNDS = Number(process.env.BENCH_WEB_ROUNDS ?? 7);
const TICKETS = 60;
/** BENCH_WEB_WATERFALL=1 prints each load's requests (start → end from the first request, bytes). */
const WATERFALL = process.env.BENCH_WEB_WATERFALL === '1';
/** BENCH_WEB_PROFILE=1 prints where each cold list's main thread went (Chromium's sampling profiler). */
const PROFILE = process.env.BENCH_WEB_PROFILE === '1';
/** BENCH_WEB_TRACE=1 writes a Chromium trace of each load (open it in DevTools' Performance panel). */
const TRACE = process.env.BENCH_WEB_TRACE === '1';
const PASSWORD = 'quiet-harbour-lights-2';

interface Load {
  ms: number;
  /** Until the app's live screen showed (the same as `ms` when no server markup came first). */
  liveMs: number;
  bytes: number;
  requests: number;
  /**
   * Sequential round trips before the content showed: the longest chain of requests each started by
   * the one before (the HTML's parser, a script of a previous request), over the requests finished by
   * then; `codeTrips` counts only scripts and stylesheets. Independent of the machine's load.
   */
  trips: number;
  codeTrips: number;
  /** The page's main thread until its content showed (CDP Performance metrics), ms. */
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

/** Opens `url` in `page` and waits until `selector` is on screen; the page's clock at that moment. */
async function timedLoad(
  context: BrowserContext,
  page: Page,
  url: string,
  selector: string,
  liveSelector?: string,
): Promise<Load> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  let bytes = 0;
  let requests = 0;
  const started = new Map<string, { url: string; t: number; depth: number; code: boolean }>();
  const depthOf = new Map<string, number>(); // full URL → round trips until it arrived
  const waterfall: string[] = [];
  let t0 = 0;
  let shown = false;
  let arrivedDepth = 0;
  let trips = 0;
  let codeTrips = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!t0) t0 = e.timestamp;
    // a request whose initiator CDP does not name (a chunk the router imports) was started by one of
    // the responses already in
    const depth = 1 + (depthOf.get(initiatorUrl(e.initiator) ?? '') ?? arrivedDepth);
    depthOf.set(e.request.url, depth);
    const code = e.type === 'Script' || e.type === 'Stylesheet';
    started.set(e.requestId, {
      url: e.request.url.replace(/^https?:\/\/[^/]+/, ''),
      t: e.timestamp,
      depth,
      code,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
    const s = started.get(e.requestId);
    if (s && !s.url.startsWith('/favicon')) arrivedDepth = Math.max(arrivedDepth, s.depth);
    if (s && !shown && !s.url.startsWith('/favicon')) {
      trips = Math.max(trips, s.depth);
      if (s.code) codeTrips = Math.max(codeTrips, s.depth);
    }
    if (s && WATERFALL) {
      waterfall.push(
        `${String(Math.round((s.t - t0) * 1000)).padStart(6)} → ${String(Math.round((e.timestamp - t0) * 1000)).padStart(6)} ms ${String(e.encodedDataLength).padStart(8)} B #${s.depth} ${s.url}`,
      );
    }
  });
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const tracePath = path.join(os.tmpdir(), `aftercare-web-${Date.now()}.trace.json`);
  if (TRACE) await context.browser()?.startTracing(page, { path: tracePath, screenshots: true });
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page
    .waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        const box = el?.getBoundingClientRect();
        return box && box.width > 0 && box.height > 0 ? performance.now() : false;
      },
      selector,
      { polling: 'raf', timeout: 30_000 },
    )
    .catch(async (err) => {
      await page.screenshot({ path: path.join(os.tmpdir(), 'aftercare-web-bench-timeout.png') });
      throw new Error(`${selector} not visible at ${page.url()}: ${err}`);
    });
  shown = true;
  const ms = (await handle.jsonValue()) as number;
  const { metrics } = await cdp.send('Performance.getMetrics');
  // the app's own screen (live, interactive) when the content first showed as the server's markup
  const liveMs = liveSelector
    ? ((await (
        await page.waitForFunction((sel) => document.querySelector(sel) && performance.now(), liveSelector, {
          polling: 'raf',
          timeout: 30_000,
        })
      ).jsonValue()) as number)
    : ms;
  if (TRACE) {
    await context.browser()?.stopTracing();
    console.log(`trace: ${tracePath}`);
  }
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    const file = path.join(os.tmpdir(), `aftercare-web-${Date.now()}.cpuprofile`);
    await fs.writeFile(file, JSON.stringify(profile));
    console.log(`profile: ${file} (open in Chromium's DevTools, Performance)`);
    printProfile(profile);
  }
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  // the requests the page makes after its content shows (chunks, fonts) count as its cost too
  await page.waitForTimeout(1500);
  await cdp.detach();
  if (WATERFALL) {
    console.log(
      `${url} shown at ${Math.round(ms)} ms (live at ${Math.round(liveMs)} ms) after ${trips} round trips (${codeTrips} for code)`,
    );
    console.log(waterfall.join('\n'));
  }
  return {
    ms,
    liveMs,
    bytes,
    requests,
    trips,
    codeTrips,
    taskMs: metric('TaskDuration'),
    scriptMs: metric('ScriptDuration'),
    styleMs: metric('RecalcStyleDuration'),
    layoutMs: metric('LayoutDuration'),
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Self time of the profiled load by script (chunk) and by function, and per 100 ms since the profiler
 * started (just before the navigation) which scripts ran most: where the main thread went before the
 * content showed. (The profiler's clock is not the network events' one, so the times are its own.)
 */
function printProfile(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const buckets = new Map<number, Map<string, number>>();
  let t = profile.startTime;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (let i = 0; i < samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    t += deltas[i] ?? 0;
    const frame = byId.get(samples[i]!);
    if (!frame) continue;
    const script = frame.url.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '') || frame.functionName;
    add(byScript, script, dt);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber}`, dt);
    const bucket = Math.floor((t - profile.startTime) / 100_000) * 100;
    if (!buckets.has(bucket)) buckets.set(bucket, new Map());
    add(buckets.get(bucket)!, script, dt);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${String(Math.round(v)).padStart(6)} ms ${k}`);
  console.log(['by script:', ...top(byScript, 12), 'by function:', ...top(byFunction, 25)].join('\n'));
  for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0])) {
    console.log(
      `${String(b).padStart(6)} ms: ${top(m, 3)
        .map((s) => s.trim())
        .join(' | ')}`,
    );
  }
}

/** The document or script whose request started this one (the parser's page, a script's frame). */
interface StackTrace {
  callFrames: { url: string }[];
  parent?: StackTrace;
}

function initiatorUrl(initiator: { url?: string; stack?: StackTrace }): string | undefined {
  if (initiator.url) return initiator.url;
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((f) => f.url);
    if (frame) return frame.url;
  }
  return undefined;
}

async function coldLogin(browser: Browser, base: string): Promise<Load> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    return await timedLoad(context, page, `${base}/login`, '[data-testid="login-submit"]');
  } finally {
    await context.close();
  }
}

async function ticketList(browser: Browser, base: string, username: string) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  try {
    const login = await context.request.post(`${base}/api/v1/auth/login`, {
      data: { username, password: PASSWORD },
    });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    const page = await context.newPage();
    const rows = 'tr[data-row-key]';
    // the live table's rows have selection boxes; the server's first page (server/first-page) has none
    const live = 'tr[data-row-key] .ant-checkbox-input';
    const cold = await timedLoad(context, page, `${base}/console/tickets`, rows, live);
    const warm = await timedLoad(context, page, `${base}/console/tickets`, rows, live);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x);

export async function run() {
  await fs.access(path.join(WEB_DIST, 'index.html')).catch(() => {
    throw new Error('web/dist is missing: run `npm run build:web` first');
  });
  const bench = await openBenchDatabase();
  const target = await startBenchApp(bench.db);
  const browser = await launchChromium();
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, { code: 'WEB', name: '基准测试业主' });
    for (let i = 0; i < TICKETS; i++) {
      const res = await fetch(`${target.base}/api/v1/tickets`, {
        method: 'POST',
        headers: {
          cookie: target.cookie,
          'x-csrf-token': target.csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          kind: 'fault_report',
          customerId: customer.id,
          subject: `路灯不亮 ${i}`,
          description: '基准测试工单',
        }),
      });
      if (!res.ok) throw new Error(`ticket: ${res.status} ${await res.text()}`);
    }
    const username = `web-agent-${randomBytes(3).toString('hex')}`;
    await createUser(ctx, {
      kind: 'staff',
      username,
      displayName: '基准客服',
      roles: ['agent'],
      locale: 'zh-CN',
      password: PASSWORD,
    });

    // one round of each first, unmeasured: the server's own first requests (file handles, JIT)
    await coldLogin(browser, target.base);
    await ticketList(browser, target.base, username);
    const login: Load[] = [];
    const cold: Load[] = [];
    const warm: Load[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      login.push(await coldLogin(browser, target.base));
      const list = await ticketList(browser, target.base, username);
      cold.push(list.cold);
      warm.push(list.warm);
    }
    await writeResult({
      name: 'web',
      params: {
        rounds: ROUNDS,
        tickets: TICKETS,
        browser: browser.version(),
        // the machine is shared: times under a high load average are upper bounds
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      },
      figures: {
        login_cold_p50_ms: round(median(login.map((l) => l.ms))),
        login_cold_max_ms: round(Math.max(...login.map((l) => l.ms))),
        login_cold_kb: round(median(login.map((l) => l.bytes)) / 1024),
        login_cold_requests: median(login.map((l) => l.requests)),
        ticket_list_cold_p50_ms: round(median(cold.map((l) => l.ms))),
        ticket_list_cold_max_ms: round(Math.max(...cold.map((l) => l.ms))),
        ticket_list_cold_live_p50_ms: round(median(cold.map((l) => l.liveMs))),
        ticket_list_cold_kb: round(median(cold.map((l) => l.bytes)) / 1024),
        ticket_list_cold_requests: median(cold.map((l) => l.requests)),
        // sequential round trips before the rows showed (all, and scripts/stylesheets only)
        ticket_list_cold_round_trips: Math.max(...cold.map((l) => l.trips)),
        ticket_list_cold_code_round_trips: Math.max(...cold.map((l) => l.codeTrips)),
        login_cold_round_trips: Math.max(...login.map((l) => l.trips)),
        // where the cold list's main thread went (CPU time of its tasks, less sensitive to the load)
        ticket_list_cold_task_ms: round(median(cold.map((l) => l.taskMs))),
        ticket_list_cold_script_ms: round(median(cold.map((l) => l.scriptMs))),
        ticket_list_cold_style_ms: round(median(cold.map((l) => l.styleMs))),
        ticket_list_cold_layout_ms: round(median(cold.map((l) => l.layoutMs))),
        ticket_list_warm_p50_ms: round(median(warm.map((l) => l.ms))),
        ticket_list_warm_kb: round(median(warm.map((l) => l.bytes)) / 1024),
      },
      units: {
        login_cold_p50_ms: 'ms',
        login_cold_max_ms: 'ms',
        login_cold_kb: 'kB',
        login_cold_requests: 'requests',
        ticket_list_cold_p50_ms: 'ms',
        ticket_list_cold_max_ms: 'ms',
        ticket_list_cold_live_p50_ms: 'ms',
        ticket_list_cold_kb: 'kB',
        ticket_list_cold_requests: 'requests',
        ticket_list_cold_round_trips: 'round trips',
        ticket_list_cold_code_round_trips: 'round trips',
        login_cold_round_trips: 'round trips',
        ticket_list_cold_task_ms: 'ms',
        ticket_list_cold_script_ms: 'ms',
        ticket_list_cold_style_ms: 'ms',
        ticket_list_cold_layout_ms: 'ms',
        ticket_list_warm_p50_ms: 'ms',
        ticket_list_warm_kb: 'kB',
      },
      targets: {
        login_cold_p50_ms: { max: 1000 },
        ticket_list_cold_p50_ms: { max: 1000 },
      },
    });
  } finally {
    await browser.close();
    await target.app.close();
    await bench.close();
  }
}
