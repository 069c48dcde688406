// A parts ledger at scale for the early warning's part read models (issue 19, parts' quality-read.ts):
// BENCH_LEDGER_PARTS parts (default 50) × 60 batches (3 suppliers each, in turn), equipment fitted with 4
// different parts each in the first of two years, and a share of those fitted units replaced again later
// (a new issue of the same part to the same equipment by another work order, from a random batch of the
// part), up to now; plus one receipt per batch and unrelated receipts and transfers, so the issues are a
// part of the ledger, not all of it. Written by SQL in a few statements (seeded), not through the service.
import type { Pool } from 'pg';

export interface LedgerFill {
  parts: number;
  batches: number;
  fitted: number;
  replaced: number;
  movements: number;
}

const BATCHES_PER_PART = 60;
const PARTS_PER_ASSET = 4;

/** About `fitted` issues to equipment: 80 % first fittings, 20 % replacements of a first fitting. */
export async function fillLedger(pool: Pool, fitted: number, now: Date): Promise<LedgerFill> {
  const parts = Number(process.env.BENCH_LEDGER_PARTS ?? 50);
  // First fittings; a quarter of them replaced again makes `fitted` issues to equipment in all.
  const assets = Math.round(fitted / 1.25 / PARTS_PER_ASSET);
  const c = await pool.connect();
  try {
    await c.query('select setseed(0.19)');
    await c.query(
      `insert into parts (id, part_number, name)
       select gen_random_uuid(), 'LDG-' || lpad(i::text, 3, '0'), 'Ledger part ' || i from generate_series(1, $1::int) i`,
      [parts],
    );
    await c.query(
      `create temp table ldg_part as
       select id, (row_number() over (order by part_number) - 1)::int as n from parts where part_number like 'LDG-%'`,
    );
    await c.query(
      `insert into stock_batches (id, part_id, code, received_on, supplier)
       select gen_random_uuid(), p.id, 'B' || lpad(k::text, 3, '0'), ($2::timestamptz - interval '760 days')::date,
         'Supplier ' || (k % 3)
       from ldg_part p cross join generate_series(1, $1::int) k`,
      [BATCHES_PER_PART, now],
    );
    await c.query(
      `create temp table ldg_batch as
       select b.id, b.part_id, p.n * $1::int + (row_number() over (partition by b.part_id order by b.code) - 1)::int as n
       from stock_batches b join ldg_part p on p.id = b.part_id`,
      [BATCHES_PER_PART],
    );
    await c.query('create index on ldg_batch (n)');
    // A receipt per batch (enough for everything fitted from it) and unrelated ledger traffic.
    await c.query(
      `insert into stock_movements (at, kind, part_id, batch_id, condition, to_location_id, quantity, actor_label)
       select $1::timestamptz - interval '760 days', 'receipt', part_id, id, 'good', gen_random_uuid(), 1000, 'bench'
       from ldg_batch`,
      [now],
    );
    await c.query(
      `insert into stock_movements (at, kind, part_id, batch_id, condition, from_location_id, to_location_id, quantity, actor_label)
       select $2::timestamptz - random() * interval '730 days', (array['receipt', 'transfer'])[1 + (g % 2)], b.part_id, b.id,
         'good', gen_random_uuid(), gen_random_uuid(), 1 + (g % 5), 'bench'
       from generate_series(1, $1::int) g join ldg_batch b on b.n = g % ($3::int * $4::int)`,
      [fitted, now, parts, BATCHES_PER_PART],
    );
    // First fittings: each piece of equipment gets 4 different parts in the first year.
    await c.query(
      `insert into stock_movements (at, kind, part_id, batch_id, condition, from_location_id, quantity,
         work_order_ref, asset_id, actor_label)
       select x.at, 'issue', b.part_id, b.id, 'good', gen_random_uuid(), 1, 'WO-I-' || x.a, x.asset, 'bench'
       from (
         select a.a, a.asset, s, $2::timestamptz - interval '730 days' + random() * interval '365 days' as at,
           ((a.a * 7 + s * 13) % $3::int) * $4::int + floor(random() * $4::int)::int as n
         from (select g as a, gen_random_uuid() as asset from generate_series(1, $1::int) g) a
         cross join generate_series(0, ${PARTS_PER_ASSET - 1}) s
         offset 0
       ) x join ldg_batch b on b.n = x.n`,
      [assets, now, parts, BATCHES_PER_PART],
    );
    // Replacements: a random quarter of the first fittings replaced again at a uniform later time, from
    // another batch of the part (the draws in a subquery of their own: `order by random()` skewed them).
    await c.query(
      `insert into stock_movements (at, kind, part_id, batch_id, condition, from_location_id, quantity,
         work_order_ref, asset_id, actor_label)
       select x.at + x.u * ($1::timestamptz - x.at), 'issue', x.part_id, b.id, 'good', gen_random_uuid(), 1,
         'WO-R-' || x.id, x.asset_id, 'bench'
       from (
         select f.id, f.part_id, f.asset_id, f.at, random() as pick, random() as u,
           p.n * $2::int + floor(random() * $2::int)::int as n
         from stock_movements f join ldg_part p on p.id = f.part_id
         where f.kind = 'issue' and f.work_order_ref like 'WO-I-%'
         offset 0
       ) x join ldg_batch b on b.n = x.n
       where x.pick < 0.25`,
      [now, BATCHES_PER_PART],
    );
    const replaced = Number(
      (
        await c.query<{ n: string }>(
          `select count(*) as n from stock_movements where work_order_ref like 'WO-R-%'`,
        )
      ).rows[0]!.n,
    );
    const movements = Number(
      (await c.query<{ n: string }>('select count(*) as n from stock_movements')).rows[0]!.n,
    );
    await c.query('drop table ldg_batch; drop table ldg_part');
    await c.query('analyze stock_movements; analyze stock_batches; analyze parts');
    return {
      parts,
      batches: parts * BATCHES_PER_PART,
      fitted: assets * PARTS_PER_ASSET + replaced,
      replaced,
      movements,
    };
  } finally {
    c.release();
  }
}
