// The monthly complaint summary (投诉总结, issue 17) at scale: the realistic ticket fill (bench/fill.ts,
// BENCH_TICKETS, default 10⁶, with SLA targets, messages, audit and archive rows) and BENCH_COMPLAINTS
// complaints (default 2·10⁴) over the last 12 months, of the shape the module writes them: a number in
// the TS series, about a ticket of the same customer, a category, a team, a product and a region kept
// at acceptance, half of them against a member of staff, a status mix from accepted to closed, one in
// five reopened, one in three upheld with a root cause. The summary of one month is computed through
// the service (`complaintSummaryOf`, what the screen, the Excel and the PDF read) five times.
// Target from the issue: under 5 s.
import { addDays, toLocalDate } from '../common/calendar-dates.ts';
import { complaintSummaryOf } from '../server/modules/complaints/index.ts';
import { BENCH_TICKETS, fillTickets } from './fill.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, startBenchApp, writeResult } from './harness.ts';

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 20_000);
const RUNS = 5;

export async function run() {
  const bench = await openBenchDatabase();
  const q = async (label: string, text: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const r = await bench.pool.query(text, params);
    if (process.env.BENCH_VERBOSE) console.log(`fill ${label}: ${Math.round(performance.now() - t0)} ms`);
    return r;
  };
  try {
    const { app } = await startBenchApp(bench.db);
    const staff = (
      await bench.pool.query<{ id: string }>(`select id from users where kind = 'staff'`)
    ).rows.map((r) => r.id);
    const now = new Date();
    const t0 = performance.now();
    const fill = await fillTickets(bench.db, bench.pool, BENCH_TICKETS, staff, now);
    const fillSeconds = Math.round((performance.now() - t0) / 1000);
    console.log(`filled ${fill.tickets} tickets in ${fillSeconds} s`);

    // Staff complained about: 50 engineers.
    await q(
      'staff',
      `insert into users (id, kind, username, display_name, roles, locale, password_hash, time_zone)
       select gen_random_uuid(), 'staff', 'bench-eng-' || g, '工程师' || g, array['field_engineer'], 'zh-CN', 'x', $1
         from generate_series(1, 50) g`,
      [BENCH_TIME_ZONE],
    );
    await q('seed', 'select setseed(0.17)');
    // Complaint g: about a ticket picked by stride, received within the last 365 days.
    const f0 = performance.now();
    await q(
      'complaints',
      `with t as (
         select id, customer_id, team, i,
                $2::timestamptz - ((i * 7919) % 365 + random()) * interval '1 day' as at
           from (select id, customer_id, team, row_number() over () - 1 as i
                   from (select id, customer_id, team from tickets order by random() limit $1) s) n
       ), eng as (select id, row_number() over (order by username) - 1 as i from users where username like 'bench-eng-%'),
       prod as (select name, row_number() over (order by id) - 1 as i from products),
       nprod as (select count(*) as n from products)
       insert into complaints (number, customer_id, channel, complainant_name, contact_phone, matter, category,
              received_at, against_user_id, against_team, ticket_id, product_name, region, status, round,
              root_cause, upheld, expected_answer_at, handled_at, last_handled_at, satisfied, closed_at, created_at, updated_at)
       select 'TS-B-' || lpad(t.i::text, 7, '0'), t.customer_id,
              (array['hotline','email','portal','chat','letter'])[1 + t.i % 5],
              '投诉人' || t.i, '138' || lpad(t.i::text, 8, '0'), '维修不及时，态度不好',
              (array['product_quality','repair_quality','response_time','staff_conduct','charges','other'])[1 + (t.i * 7) % 6],
              t.at,
              case when t.i % 2 = 0 then (select id from eng where eng.i = t.i % 50) end,
              t.team,
              t.id,
              (select name from prod where prod.i = t.i % (select n from nprod)),
              (array['上海','北京','广州','成都','武汉'])[1 + (t.i * 3) % 5],
              (array['accepted','investigating','handled','feedback','satisfied','closed','closed','closed'])[1 + (t.i * 5) % 8],
              case when t.i % 5 = 0 then 2 else 1 end,
              case when t.i % 3 = 0 then (array['product_defect','workmanship','staff_conduct','process','communication','customer_use','other'])[1 + t.i % 7] end,
              case when t.i % 3 = 0 then true when t.i % 3 = 1 then false end,
              t.at + interval '24 hours',
              case when (t.i * 5) % 8 >= 2 then t.at + (random() * 40) * interval '1 hour' end,
              case when (t.i * 5) % 8 >= 2 then t.at + (random() * 40) * interval '1 hour' end,
              case when (t.i * 5) % 8 >= 4 then true end,
              case when (t.i * 5) % 8 >= 5 then t.at + interval '3 days' end,
              t.at, t.at
         from t`,
      [COMPLAINTS, now.toISOString()],
    );
    await q('analyze', 'analyze complaints');
    const complaints = Number((await bench.pool.query('select count(*) from complaints')).rows[0].count);
    const complaintFillSeconds = Math.round((performance.now() - f0) / 100) / 10;
    console.log(`filled ${complaints} complaints in ${complaintFillSeconds} s`);

    // The last full month in the organisation's zone: the day before the first of this month.
    const local = addDays(`${toLocalDate(now, BENCH_TIME_ZONE).slice(0, 7)}-01`, -1).slice(0, 7);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const s0 = performance.now();
      const s = await complaintSummaryOf(bench.db, { from: local, to: local }, BENCH_TIME_ZONE);
      times.push(performance.now() - s0);
      total = s.total;
    }
    const yearFrom = `${Number(local.slice(0, 4)) - 1}${local.slice(4)}`;
    const y0 = performance.now();
    await complaintSummaryOf(bench.db, { from: yearFrom, to: local }, BENCH_TIME_ZONE);
    const yearMs = performance.now() - y0;
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms) / 1000;
    // The summary reads the complaints of the period through complaints_received_idx and nothing of
    // tickets: its cost follows the period's complaints, not the ticket count. The plan says so.
    const monthStart = new Date(`${local}-01T00:00:00Z`);
    const plan = (
      await bench.pool.query(
        `explain (costs off) select count(*), count(*) filter (where status <> 'closed')
           from complaints where received_at >= $1 and received_at < $2`,
        [monthStart.toISOString(), new Date(monthStart.getTime() + 31 * 86_400_000).toISOString()],
      )
    ).rows.map((r: Record<string, string>) => r['QUERY PLAN'] ?? '');
    console.log(plan.join('\n'));
    if (!plan.some((l) => l.includes('complaints_received_idx')))
      throw new Error('the monthly complaint summary is not read through complaints_received_idx');
    await app.close();
    await writeResult({
      name: 'care-complaints',
      file: 'care',
      params: { tickets: fill.tickets, complaints, month: local, complaintsInMonth: total, runs: RUNS, plan },
      figures: {
        monthlySummarySeconds: round(times[Math.floor(times.length / 2)]!),
        monthlySummaryMaxSeconds: round(times.at(-1)!),
        yearlySummarySeconds: round(yearMs),
        fillSeconds,
      },
      units: {
        monthlySummarySeconds: 's',
        monthlySummaryMaxSeconds: 's',
        yearlySummarySeconds: 's',
        fillSeconds: 's',
      },
      targets: { monthlySummaryMaxSeconds: { max: 5 }, yearlySummarySeconds: { max: 5 } },
    });
  } finally {
    await bench.close();
  }
}
