// The records behind the measures (issue 19, docs/analytics.md), added to bench/fill.ts's tickets in
// the shape the product writes them: each resolved fault ticket's first resolution (5 % reopened), one
// repair work order with its visit (10 % two visits) and travel, the equipment's installation date and
// repair count, a follow-up per repair (85 % reached, most on the day due) and a satisfaction answer for
// 30 % of the repairs, engineer profiles. Set-based SQL; writes other modules' tables directly, which
// only a benchmark may do.
import type pg from 'pg';
import type { Db } from '../server/db/pool.ts';
import { fillTickets } from './fill.ts';
import { keptFill } from './harness.ts';

export async function fillMeasures(pool: pg.Pool, now: Date) {
  const q = (text: string, params: unknown[] = []) => pool.query(text, params);
  await q(`update tickets set first_resolved_at = coalesce(resolved_at, closed_at),
             reopened_at = case when random() < 0.05 then coalesce(resolved_at, closed_at) + make_interval(days => floor(random() * 60)::int) end
           where coalesce(resolved_at, closed_at) is not null`);
  await q(
    `update assets set install_date = ($1::timestamptz - make_interval(days => 30 + floor(random() * 900)::int))::date,
            repair_count = floor(power(random(), 6) * 6)::int`,
    [now],
  );
  await q(`insert into engineer_profiles (user_id)
           select id from users where kind = 'staff' on conflict do nothing`);
  await q(`create temp table bw as
           select gen_random_uuid() as id, t.id as ticket_id, t.customer_id, t.project_id, t.asset_ids,
                  t.assignee_id, t.created_at, t.first_resolved_at - interval '10 minutes' as completed_at,
                  row_number() over (order by t.created_at, t.id) as n
             from tickets t
            where t.kind = 'fault_report' and t.first_resolved_at is not null and random() < 0.7`);
  await q(`insert into work_orders (id, number, kind, status, ticket_id, customer_id, project_id, asset_ids,
             engineer_id, summary, time_spent_minutes, travel_km, created_at, updated_at, completed_at)
           select id, 'WX-' || lpad(n::text, 9, '0'), 'repair', 'completed', ticket_id, customer_id, project_id,
                  asset_ids, assignee_id, '维修', 30 + floor(random() * 150)::int, round((random() * 40)::numeric, 1),
                  created_at + interval '30 minutes', completed_at, completed_at
             from bw`);
  await q(`insert into work_order_events (work_order_id, stage, at, recorded_at, client_event_id)
           select id, 'departed', completed_at - interval '3 hours', completed_at - interval '3 hours', 'bd-' || id from bw
           union all
           select id, 'arrived', completed_at - interval '2 hours', completed_at - interval '2 hours', 'ba-' || id from bw
           union all
           select id, 'arrived', completed_at - interval '1 hour', completed_at - interval '1 hour', 'bb-' || id
             from bw where random() < 0.1
           union all
           select id, 'completed', completed_at, completed_at, 'bc-' || id from bw`);
  await q(
    `insert into follow_ups (rule, subject_id, customer_id, project_id, work_order_id, reference, due_at, status,
             reached, outcome_at, created_at, updated_at)
           select 'repair', id, customer_id, project_id, id, 'WX-' || n, completed_at + interval '3 days',
                  case when r < 0.85 then 'done' when completed_at + interval '3 days' > $1 then 'open' else 'emailed' end,
                  case when r < 0.85 then true when completed_at + interval '3 days' > $1 then null else false end,
                  case when r < 0.85 then completed_at + make_interval(hours => 60 + floor(random() * 24)::int)
                       when completed_at + interval '3 days' > $1 then null else completed_at + interval '5 days' end,
                  completed_at,
                  -- Written when last touched (as the product writes it), not at fill time.
                  least($1, completed_at + interval '5 days')
             from (select bw.*, random() as r from bw) x`,
    [now],
  );
  await q(`insert into survey_invitations (kind, source_id, source_at, customer_id, project_id, engineer_id, locale,
             status, created_at, expires_at, answered_at, satisfied)
           select 'repair', id, completed_at, customer_id, project_id, assignee_id, 'zh-CN', 'answered',
                  completed_at, completed_at + interval '14 days', completed_at + interval '1 day', random() < 0.94
             from bw where random() < 0.3`);
  const n = await q('select count(*)::int as n from bw');
  await q('drop table bw');
  return { repairWorkOrders: Number(n.rows[0].n) };
}

/**
 * The history the analysis benches measure: bench/fill.ts's tickets and the measures' records above,
 * then `analyze`. In a kept database (BENCH_KEEP) it is made once and reused.
 */
export async function fillAnalysisHistory(db: Db, pool: pg.Pool, tickets: number, now: Date) {
  return keptFill(pool, `analysis-history:${tickets}`, async () => {
    const staff = (await pool.query<{ id: string }>(`select id from users where kind = 'staff'`)).rows.map(
      (r) => r.id,
    );
    const t0 = performance.now();
    const fill = await fillTickets(db, pool, tickets, staff, now);
    const fillSeconds = Math.round((performance.now() - t0) / 1000);
    console.log(`filled ${fill.tickets} tickets, ${fill.slaTargets} SLA targets in ${fillSeconds} s`);
    const t1 = performance.now();
    const measures = await fillMeasures(pool, now);
    const measureFillSeconds = Math.round((performance.now() - t1) / 1000);
    console.log('measure records', measures, `${measureFillSeconds} s`);
    await pool.query('analyze');
    return { fill, fillSeconds, measures, measureFillSeconds };
  });
}
