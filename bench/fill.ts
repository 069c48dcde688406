// A realistic fill for the benchmarks: N tickets (BENCH_TICKETS, default 10⁶) over two years, in the
// shape the product writes them — each ticket with its number in its kind's yearly series, its SLA log
// and the targets of the default policy it falls under (running, paused, pending, met; breached when
// late), its conversation, its audit rows and its archive rows — with customers, contacts, projects,
// products, assets and staff around them. Set-based SQL with the bulk tables' secondary indexes built after the rows
// (10⁶ tickets: 39 min at load 25 on 2 shared cores, docs/operations.md). It writes
// other modules' tables directly, which only a benchmark may do.
import type pg from 'pg';
import { TICKET_PRIORITIES } from '../common/ticket-rules.ts';
import type { Db } from '../server/db/pool.ts';
import { ensureSlaDefaults } from '../server/modules/sla/index.ts';
import { BENCH_TIME_ZONE } from './harness.ts';

export const BENCH_TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);

// Chinese subjects: where, what, and the common fault words (two characters and more).
export const PLACES = [
  '1号楼',
  '地下车库',
  '大堂',
  '泵房',
  '配电房',
  '屋顶',
  '东门',
  '主会场',
  '隧道',
  '广场',
];
export const EQUIPMENT = [
  '路灯',
  '泛光灯',
  '配电箱',
  '水泵',
  '空调机组',
  '电梯',
  '投影仪',
  'LED屏',
  '控制器',
  '变压器',
];
export const FAULTS = [
  '漏水',
  '雷击',
  '不亮',
  '跳闸',
  '闪烁',
  '异响',
  '过热',
  '无法启动',
  '报警',
  '漏电',
  '死机',
  '损坏',
];
const CITIES = [
  '上海',
  '北京',
  '深圳',
  '广州',
  '杭州',
  '成都',
  '武汉',
  '南京',
  '西安',
  '苏州',
  '天津',
  '重庆',
];
const TRADES = [
  '置地',
  '照明工程',
  '物业管理',
  '城建',
  '文旅',
  '地铁',
  '会展中心',
  '水务',
  '机场',
  '酒店管理',
];

export interface FillResult {
  tickets: number;
  customers: number;
  assets: number;
  slaTargets: number;
  /** A customer name, an asset serial and a ticket number that exist (search terms for the bench). */
  sample: { customerName: string; serial: string; number: string };
}

const sqlArray = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;

/**
 * Fills `n` tickets as of `now`; `staffIds` (the bench's own user among them) are the assignees.
 * Customers are n/100, assets n/10, spread so a few customers have many tickets.
 */
export async function fillTickets(
  db: Db,
  pool: pg.Pool,
  n: number,
  staffIds: string[],
  now = new Date(),
): Promise<FillResult> {
  await ensureSlaDefaults(db, BENCH_TIME_ZONE);
  const customers = Math.max(20, Math.round(n / 100));
  const assets = Math.max(100, Math.round(n / 10));
  const q = async (label: string, text: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const r = await pool.query(text, params);
    if (process.env.BENCH_VERBOSE) console.log(`fill ${label}: ${Math.round(performance.now() - t0)} ms`);
    return r;
  };
  await q('seed', 'select setseed(0.42)');
  await q(
    'staff',
    `insert into users (id, kind, username, display_name, password_hash, time_zone, roles)
     select gen_random_uuid(), 'staff', 'bench-staff-' || g, '工程师' || g, 'x', $1,
            array[(array['agent','support_engineer','field_engineer'])[1 + g % 3]]
       from generate_series(1, 30) g`,
    [BENCH_TIME_ZONE],
  );
  const staff = [
    ...staffIds,
    ...(
      await pool.query<{ id: string }>(`select id from users where username like 'bench-staff-%'`)
    ).rows.map((r) => r.id),
  ];
  await q(
    'customers',
    `insert into customers (id, code, name, region)
     select gen_random_uuid(), 'BC' || lpad(g::text, 6, '0'),
            (${sqlArray(CITIES)})[1 + g % 12] || (${sqlArray(TRADES)})[1 + (g / 12) % 10] || '有限公司' || g,
            (${sqlArray(CITIES)})[1 + g % 12]
       from generate_series(1, $1::int) g`,
    [customers],
  );
  await q(
    'index customers',
    `create temp table bc as select id, row_number() over (order by code) - 1 as i from customers where code like 'BC%'`,
  );
  await q(
    'contacts',
    `insert into contacts (customer_id, name, phone)
     select bc.id, (array['王','李','张','刘','陈'])[1 + k] || '工', '1380000' || lpad((bc.i * 2 + k)::text, 4, '0')
       from bc, generate_series(0, 1) k`,
  );
  await q(
    'projects',
    `insert into projects (id, customer_id, code, name, time_zone)
     select gen_random_uuid(), bc.id, 'BP' || lpad(bc.i::text, 6, '0'), '项目' || bc.i, $1 from bc`,
    [BENCH_TIME_ZONE],
  );
  await q(
    'products',
    `insert into products (model, name, category)
     select 'M-' || g, (${sqlArray(EQUIPMENT)})[1 + g % 10] || ' ' || g, 'lighting' from generate_series(0, 19) g`,
  );
  // Asset i belongs to customer i mod C: a customer's assets are i = c, c + C, c + 2C, …
  await q(
    'assets',
    `insert into assets (id, customer_id, project_id, product_id, serial, name)
     select gen_random_uuid(), bc.id, p.id, pr.ids[1 + g % 20],
            'SN' || lpad(g::text, 8, '0'), (${sqlArray(EQUIPMENT)})[1 + g % 10]
       from generate_series(0, $1::int - 1) g
       join bc on bc.i = g % $2::int
       join projects p on p.customer_id = bc.id
       cross join (select array_agg(id order by model) as ids from products) pr`,
    [assets, customers],
  );
  await q(
    'index assets',
    `create temp table ba as select id, (substr(serial, 3))::int as i from assets where serial like 'SN%'`,
  );
  await q('index assets pk', 'alter table ba add primary key (i)');

  // Bulk loading: the secondary indexes of the tables filled by the million are dropped here and built
  // again once the rows are in (one sorted build instead of 10⁶ random inserts into each B-tree and
  // the tickets' fastupdate-off GIN indexes). Indexes behind a constraint (primary keys, unique
  // constraints) stay. The rows are the product's shape either way; only the loading order changes.
  const deferred = await dropSecondaryIndexes(pool, BULK_TABLES);
  if (process.env.BENCH_VERBOSE) console.log(`fill: ${deferred.length} indexes deferred`);

  // The tickets: age spread over two years (newest first in g), a status by age (old tickets are
  // closed, a few stale ones still open and long breached), kinds and priorities in realistic shares.
  await q(
    'ticket plan',
    `create temp table bt as
     select g, gen_random_uuid() as id,
            date_trunc('milliseconds', $2::timestamptz - make_interval(secs => (g::float8 / $1) * 730 * 86400 + random() * 60)) as created_at,
            r1, r2, r3,
            (case when r1 < 0.6 then 'fault_report' when r1 < 0.8 then 'consultation' when r1 < 0.88 then 'complaint'
                  when r1 < 0.92 then 'return_request' when r1 < 0.95 then 'training_request' else 'other' end) as kind,
            (case when r2 < 0.05 then 'low' when r2 < 0.75 then 'normal' when r2 < 0.95 then 'high' else 'urgent' end) as priority,
            (r3 < 0.03) as emergency,
            (case when r3 > 0.8 then 'complex' else 'general' end) as complexity,
            floor(power(random(), 2) * $3)::int as ci
       from (select g, random() as r1, random() as r2, random() as r3 from generate_series(1, $1::int) g) s`,
    [n, now, customers],
  );
  await q(
    'ticket status',
    `alter table bt add column status text, add column assignee int, add column age_h float8`,
  );
  await q(
    'ticket status set',
    `update bt set age_h = extract(epoch from ($1::timestamptz - created_at)) / 3600,
       status = case
         when extract(epoch from ($1::timestamptz - created_at)) / 3600 > 24 * 14 then
           (case when random() < 0.97 then 'closed' when random() < 0.6 then 'resolved'
                 else (array['in_progress','waiting_customer','assigned'])[1 + floor(random() * 3)::int] end)
         else (array['new','assigned','in_progress','in_progress','waiting_customer','resolved','closed','closed'])[1 + floor(random() * 8)::int]
       end`,
    [now],
  );
  await q(
    'ticket assignee',
    `update bt set assignee = case when status = 'new' then null else floor(random() * $1)::int end`,
    [staff.length],
  );
  await q(
    'tickets',
    `insert into tickets (id, number, kind, status, channel, priority, emergency, complexity, fault_category,
        customer_id, contact_id, project_id, asset_ids, subject, description, team, assignee_id, created_by,
        created_at, updated_at, resolved_at, closed_at)
     select bt.id,
            (case bt.kind when 'consultation' then 'ZX' when 'fault_report' then 'BX' when 'complaint' then 'TS'
                          when 'return_request' then 'TH' when 'training_request' then 'PX' else 'QT' end)
              || '-' || extract(year from bt.created_at at time zone $2)::int || '-'
              || lpad((row_number() over (partition by bt.kind, extract(year from bt.created_at at time zone $2)
                                           order by bt.created_at, bt.id))::text, 6, '0'),
            bt.kind, bt.status, (array['phone','email','portal','chat','api'])[1 + bt.g % 5], bt.priority, bt.emergency,
            bt.complexity, case when bt.kind = 'fault_report' then 'electrical' end,
            bc.id, (select c.id from contacts c where c.customer_id = bc.id limit 1), p.id,
            case when bt.kind in ('fault_report', 'return_request') then array[ba.id] else '{}'::uuid[] end,
            pl.place || eq.name || fa.word,
            '客户来电反映' || pl.place || '的' || eq.name || fa.word || '，' ||
              (array['已断电等待处理','影响正常使用','昨晚开始出现','暴雨后发现','多次复位无效'])[1 + bt.g % 5] || '。联系人在现场配合。',
            case when bt.kind = 'fault_report' then (array['support_engineer','field_engineer'])[1 + bt.g % 2]
                 else 'agent' end,
            ($3::uuid[])[bt.assignee + 1], null,
            bt.created_at,
            bt.created_at + make_interval(hours => least(bt.age_h, 1 + (bt.g % 72))::int),
            case when bt.status in ('resolved','closed') then bt.created_at + make_interval(hours => least(bt.age_h, 2 + bt.g % 48)::int) end,
            case when bt.status = 'closed' then bt.created_at + make_interval(hours => least(bt.age_h, 4 + bt.g % 96)::int) end
       from bt
       join bc on bc.i = bt.ci
       join projects p on p.customer_id = bc.id
       left join ba on ba.i = bt.ci + $1::int * (bt.g % greatest(1, $4::int / $1::int))
       cross join lateral (select (${sqlArray(PLACES)})[1 + bt.g % 10] as place) pl
       cross join lateral (select (${sqlArray(EQUIPMENT)})[1 + (bt.g / 10) % 10] as name) eq
       cross join lateral (select (${sqlArray(FAULTS)})[1 + (bt.g / 100) % 12] as word) fa`,
    [customers, BENCH_TIME_ZONE, staff, assets],
  );
  await q(
    'ticket counters',
    `insert into ticket_counters (prefix, year, last)
     select split_part(number, '-', 1), split_part(number, '-', 2)::int, max(split_part(number, '-', 3)::int)
       from tickets group by 1, 2
     on conflict (prefix, year) do update set last = greatest(ticket_counters.last, excluded.last)`,
  );

  // The SLA log: opened, handed over, resolved and closed when they happened.
  await q(
    'sla events',
    `insert into sla_events (ticket_id, event, status, at, recorded_at)
     select t.id, e.event, e.status, e.at, e.at
       from tickets t
       join bt on bt.id = t.id
       cross join lateral (values
         ('status', 'new', t.created_at),
         ('created', null, t.created_at),
         ('handed_over', null, case when t.assignee_id is not null then t.created_at + interval '10 minutes' end),
         ('first_public_reply', null, case when t.status <> 'new' then t.created_at + make_interval(mins => 5 + bt.g % 40) end),
         ('resolved', null, t.resolved_at),
         ('closed', null, t.closed_at),
         ('status', 'waiting_customer', case when t.status = 'waiting_customer' then t.updated_at end)
       ) as e(event, status, at)
      where e.at is not null`,
  );

  // The targets of the default policy each ticket falls under (by kind, emergency and complexity).
  const policies = (
    await pool.query<{
      id: string;
      version: number;
      conditions: Record<string, unknown>;
      targets: unknown[];
    }>('select id, version, conditions, targets from sla_policies where active order by position')
  ).rows;
  const classes: { kind: string; emergency: boolean; complexity: string }[] = [];
  for (const kind of [
    'consultation',
    'fault_report',
    'complaint',
    'return_request',
    'training_request',
    'other',
  ])
    for (const emergency of [false, true])
      for (const complexity of ['general', 'complex']) classes.push({ kind, emergency, complexity });
  const rows: unknown[][] = [];
  for (const c of classes) {
    const policy = policies.find((p) => {
      const cond = p.conditions as { kinds?: string[]; emergency?: boolean; contractTiers?: string[] };
      if (cond.contractTiers?.length) return false;
      if (cond.kinds?.length && !cond.kinds.includes(c.kind)) return false;
      if (cond.emergency !== undefined && cond.emergency !== c.emergency) return false;
      return Object.keys(cond).every((k) => ['kinds', 'emergency'].includes(k));
    });
    if (!policy) continue;
    for (const def of policy.targets as {
      metric: string;
      start: string;
      durationMinutes: number;
      warnMinutes: number;
      complexity?: string;
    }[]) {
      if (def.complexity && def.complexity !== c.complexity) continue;
      rows.push([
        c.kind,
        c.emergency,
        c.complexity,
        policy.id,
        policy.version,
        def.metric,
        JSON.stringify(def),
        def.start,
        def.durationMinutes,
        def.warnMinutes ?? 0,
      ]);
    }
  }
  await q(
    'policy plan',
    `create temp table bp (kind text, emergency boolean, complexity text, policy_id uuid, policy_version int,
       metric text, definition jsonb, start text, duration int, warn int)`,
  );
  await q(
    'policy plan rows',
    `insert into bp select * from unnest($1::text[], $2::boolean[], $3::text[], $4::uuid[], $5::int[], $6::text[], $7::jsonb[], $8::text[], $9::int[], $10::int[])`,
    Array.from({ length: 10 }, (_, i) => rows.map((r) => r[i])),
  );
  // Running from creation until resolved (met then, breached if late); paused while waiting for the
  // customer; the on-site metrics pending (no arrival logged). The sweeper has marked past deadlines.
  await q(
    'sla targets',
    `insert into sla_targets (ticket_id, customer_id, policy_id, policy_version, metric, definition, state,
        started_at, due_at, warn_at, met_at, breached, breached_by, next_fire_at, updated_at)
     select t.id, t.customer_id, bp.policy_id, bp.policy_version, bp.metric, bp.definition, x.state,
            x.started_at, x.due_at, x.warn_at, x.met_at,
            coalesce(x.met_at > x.planned_due, false) or (x.state = 'running' and x.due_at <= $1),
            -- breached_by in seconds, as the sla module stores it.
            case when x.met_at > x.planned_due then extract(epoch from x.met_at - x.planned_due)::int else 0 end,
            case when x.state <> 'running' then null
                 when x.warn_at > $1 then x.warn_at
                 when x.due_at > $1 then x.due_at
                 when x.due_at + interval '2 hours' > $1 then x.due_at + interval '2 hours' end,
            t.updated_at
       from tickets t
       join bt on bt.id = t.id
       join bp on bp.kind = t.kind and bp.emergency = t.emergency and bp.complexity = t.complexity
       cross join lateral (
         select t.created_at + make_interval(mins => bp.duration) as planned_due,
                case when bp.start <> 'created' then 'pending'
                     when t.status in ('resolved', 'closed') then 'met'
                     when t.status = 'waiting_customer' then 'paused'
                     else 'running' end as state,
                case when bp.start = 'created' then t.created_at end as started_at
       ) s
       cross join lateral (
         select s.state, s.started_at, s.planned_due,
                -- A met target keeps the deadline it was met against, as the sla module writes it.
                case when s.state in ('running', 'met') then s.planned_due end as due_at,
                case when s.state = 'running' then s.planned_due - make_interval(mins => bp.warn) end as warn_at,
                case when s.state = 'met' then t.created_at + make_interval(mins => (bp.duration * (0.2 + random() * 0.9))::int) end as met_at
       ) x`,
    [now],
  );
  // The ticket's SLA summary, as the sla module keeps it.
  await q(
    'sla summary',
    `update tickets t set sla_due_at = s.due, sla_breached = s.breached
       from (select ticket_id, min(due_at) filter (where state = 'running') as due,
                    bool_or(breached and state in ('running', 'paused')) as breached
               from sla_targets group by ticket_id) s
      where s.ticket_id = t.id and (s.due is not null or s.breached)`,
  );
  // The conversation: the customer's report, a public reply once handled, an internal note on some.
  await q(
    'messages',
    `insert into ticket_messages (ticket_id, customer_id, kind, author_label, body, created_at)
     select t.id, t.customer_id, m.kind, m.author, m.body, m.at
       from tickets t
       cross join lateral (values
         ('customer_message', '客户', t.description, t.created_at),
         (case when t.status <> 'new' then 'public_reply' end, '客服', '您好，已收到您的报修，工程师将尽快联系您。', t.created_at + interval '5 minutes'),
         (case when hashtext(t.number) % 3 = 0 then 'internal_note' end, '工程师', '已电话确认现场情况，需备件。', t.created_at + interval '30 minutes')
       ) as m(kind, author, body, at)
      where m.kind is not null`,
  );
  // Audit: the creation and each later change; archive: the request and, once closed, its outcome.
  await q(
    'audit',
    `insert into audit_log (at, actor_label, action, entity_type, entity_id, after)
     select a.at, 'bench', a.action, 'ticket', t.id::text, a.after
       from tickets t
       cross join lateral (values
         (t.created_at, 'ticket.create', jsonb_build_object('number', t.number, 'subject', t.subject, 'status', 'new')),
         (case when t.assignee_id is not null then t.created_at + interval '10 minutes' end, 'ticket.update', jsonb_build_object('assigneeId', t.assignee_id)),
         (t.closed_at, 'ticket.update', jsonb_build_object('status', 'closed'))
       ) as a(at, action, after)
      where a.at is not null`,
  );
  await q(
    'archive',
    `insert into archive_events (customer_id, project_id, asset_id, kind, occurred_at, summary, details, ref_type, ref_id, actor_label)
     select t.customer_id, t.project_id, t.asset_ids[1], e.kind, e.at, t.number || ' ' || t.subject,
            jsonb_build_object('number', t.number), 'ticket', t.id::text, 'bench'
       from tickets t
       cross join lateral (values ('tickets.' || t.kind, t.created_at),
                                  (case when t.closed_at is not null then 'tickets.closed' end, t.closed_at)) as e(kind, at)
      where e.kind is not null`,
  );
  await rebuildIndexes(pool, deferred);
  await q('analyze', 'analyze');
  const sample = (
    await pool.query<{ name: string; serial: string; number: string }>(
      `select (select name from customers where code = 'BC000007') as name,
              (select serial from assets where serial like 'SN%' order by serial offset 77 limit 1) as serial,
              (select number from tickets order by created_at desc offset 500 limit 1) as number`,
    )
  ).rows[0]!;
  const counted = (await pool.query<{ targets: string }>('select count(*) as targets from sla_targets'))
    .rows[0]!;
  return {
    tickets: n,
    customers,
    assets,
    slaTargets: Number(counted.targets),
    sample: { customerName: sample.name, serial: sample.serial, number: sample.number },
  };
}

export const PRIORITIES = TICKET_PRIORITIES;

/** The tables the fill writes a row (or several) per ticket into. */
const BULK_TABLES = [
  'tickets',
  'sla_events',
  'sla_targets',
  'ticket_messages',
  'audit_log',
  'archive_events',
];

/** Drops the indexes of `tables` that back no constraint; returns their definitions to build again. */
export async function dropSecondaryIndexes(pool: pg.Pool, tables: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any (select oid from pg_class where relname = any ($1::text[]) and relnamespace = 'public'::regnamespace)
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const r of rows) await pool.query(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}

/** Builds the dropped indexes again, on one connection with room to sort in memory. */
export async function rebuildIndexes(pool: pg.Pool, defs: string[]) {
  const client = await pool.connect();
  try {
    await client.query(`set maintenance_work_mem = '512MB'`);
    for (const def of defs) {
      const t0 = performance.now();
      await client.query(def);
      if (process.env.BENCH_VERBOSE)
        console.log(`fill index ${def.slice(0, 80)}: ${Math.round(performance.now() - t0)} ms`);
    }
  } finally {
    client.release();
  }
}
