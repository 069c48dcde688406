// Ticket lists at scale: the queues, filters, SLA queues, deep cursor pages, the sort options and
// search (number, customer, serial, Chinese words of two and more characters) over real HTTP on the
// realistic fill (bench/fill.ts, BENCH_TICKETS tickets with their SLA targets, events, messages,
// audit and archive rows). p50/p95 in ms of each; the target is p95 ≤ 50 ms at 10⁶ tickets. The
// baseline is GET /healthz through the same stack (what any request costs). The fill is the analysis
// benches' history (bench/fill-measures.ts): with BENCH_KEEP=DIR a database of that size is filled once
// and reused. BENCH_EXPLAIN=1 prints the plan of each statement of one request per search.
import pg from 'pg';
import { BENCH_TICKETS } from './fill.ts';
import { fillAnalysisHistory } from './fill-measures.ts';
import { type BenchTarget, openBenchDatabase, startBenchApp, writeResult } from './harness.ts';

const ROUNDS = 3;
const PER_ROUND = Number(process.env.BENCH_SAMPLES ?? 40);
const TARGET_P95_MS = 50;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run() {
  const bench = await openBenchDatabase();
  try {
    // The agent made before the fill is one of its assignees, so `mine` lists tickets; a kept database
    // has the agent of the run that filled it.
    await (await startBenchApp(bench.db)).app.close();
    const history = await fillAnalysisHistory(bench.db, bench.pool, BENCH_TICKETS, new Date());
    const { fill, fillSeconds } = history;
    const agent = (
      await bench.pool.query<{ username: string }>(
        `select u.username from users u where u.username like 'bench-agent-%'
            and exists (select 1 from tickets t where t.assignee_id = u.id) order by u.created_at limit 1`,
      )
    ).rows[0]!.username;
    const { app, base, cookie } = await startBenchApp(bench.db, { username: agent });
    console.log(`${fill.tickets} tickets, ${fill.slaTargets} SLA targets (filled in ${fillSeconds} s)`);

    const get = async (url: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      const body = (await res.json()) as { items?: unknown[]; nextCursor?: string | null };
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    // A cursor 20 pages deep into the whole list, then into the breached queue, by following cursors.
    const deepCursor = async (url: string) => {
      let cursor: string | null | undefined = null;
      for (let i = 0; i < 20; i++) {
        const { body }: { body: { nextCursor?: string | null } } = await get(
          `${url}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      return cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url;
    };
    const q = (term: string) => `/api/v1/tickets?limit=50&q=${encodeURIComponent(term)}`;
    const cases: Record<string, string> = {
      healthz: '/healthz',
      queue_all: '/api/v1/tickets?queue=all&limit=50',
      queue_unassigned: '/api/v1/tickets?queue=unassigned&limit=50',
      queue_mine: '/api/v1/tickets?queue=mine&limit=50',
      queue_team: '/api/v1/tickets?queue=team&limit=50',
      queue_waiting: '/api/v1/tickets?queue=waiting&limit=50',
      status_in_progress: '/api/v1/tickets?status=in_progress&limit=50',
      breaching: '/api/v1/tickets?queue=breaching&limit=50',
      breached: '/api/v1/tickets?queue=breached&limit=50',
      cursor_page: await deepCursor('/api/v1/tickets?limit=50'),
      cursor_page_breached: await deepCursor('/api/v1/tickets?queue=breached&limit=50'),
      sort_due: '/api/v1/tickets?queue=all&sort=due&limit=50',
      sort_priority: '/api/v1/tickets?queue=all&sort=priority&limit=50',
      sort_updated: '/api/v1/tickets?queue=all&sort=updated&order=asc&limit=50',
      sort_number: '/api/v1/tickets?queue=all&sort=number&order=desc&limit=50',
      search_number: q(fill.sample.number),
      search_customer: q(fill.sample.customerName),
      search_serial: q(fill.sample.serial),
      search_zh2_common: q('漏水'),
      search_zh2_rare: q('雷击'),
      search_zh3: q('无法启动'),
      search_zh_phrase: q('配电箱跳闸'),
    };
    // BENCH_CASES=regex measures only the cases it matches (while working on one).
    const only = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES) : null;
    for (const name of Object.keys(cases))
      if (only && name !== 'healthz' && !only.test(name)) delete cases[name];
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    const found: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of Object.entries(cases)) {
        for (let i = 0; i < PER_ROUND; i++) {
          const { ms, body } = await get(url);
          times[name]!.push(ms);
          found[name] = body.items?.length ?? 0;
        }
      }
    }

    const figures: Record<string, number> = {
      tickets: fill.tickets,
      sla_targets: fill.slaTargets,
      fill_seconds: fillSeconds,
    };
    const units: Record<string, string> = { tickets: 'tickets', sla_targets: 'rows', fill_seconds: 's' };
    const targets: Record<string, BenchTarget> = {};
    for (const [name, list] of Object.entries(times)) {
      list.sort((a, b) => a - b);
      figures[`${name}_p50_ms`] = Number(pct(list, 50).toFixed(1));
      figures[`${name}_p95_ms`] = Number(pct(list, 95).toFixed(1));
      units[`${name}_p50_ms`] = 'ms';
      units[`${name}_p95_ms`] = 'ms';
      if (name !== 'healthz') {
        targets[`${name}_p95_ms`] = { max: TARGET_P95_MS, baseline: 'healthz_p95_ms' };
        figures[`${name}_rows`] = found[name]!;
        units[`${name}_rows`] = 'rows';
      }
    }
    await writeResult({
      name: 'tickets',
      params: { tickets: fill.tickets, rounds: ROUNDS, samplesPerRound: PER_ROUND, search: fill.sample },
      figures,
      units,
      targets,
    });
    if (process.env.BENCH_EXPLAIN)
      for (const [name, url] of Object.entries(cases))
        if (name.startsWith('search_')) await explainRequest(bench.pool, name, () => get(url));
    await app.close();
  } finally {
    await bench.close();
  }
}

/**
 * BENCH_EXPLAIN=1: the statements one request sends (caught on pg's client), each run again under
 * EXPLAIN (ANALYZE, BUFFERS) with its values.
 */
async function explainRequest(pool: pg.Pool, name: string, request: () => Promise<unknown>) {
  const sent: { text: string; values: unknown[] }[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    const text = typeof config === 'string' ? config : config.text;
    const values = ((typeof config === 'string' ? undefined : config.values) ?? args[1]) as
      | unknown[]
      | undefined;
    if (text && /^\s*(select|with)\b/i.test(text) && !/from "?sessions"?/i.test(text))
      sent.push({ text, values: values ?? [] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await request();
  } finally {
    pg.Client.prototype.query = query;
  }
  for (const { text, values } of sent) {
    const plan = await pool.query(`explain (analyze, buffers) ${text}`, values);
    console.log(`\n--- ${name}: ${text.slice(0, 160)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}
