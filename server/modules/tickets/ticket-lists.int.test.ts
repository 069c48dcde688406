import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ensureSlaDefaults, sweepSla } from '../sla/index.ts';
import { slaTicketPort } from './index.ts';
import { isCommonTerm, SORTED_SEARCH_CAP } from './repository.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const MIN = 60_000;
let t: TestApp;
let agent: Session;
let manager: Session;
let agentId: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '2000' } });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  const a = await loginAs(t, { role: 'agent' });
  agent = a.session;
  agentId = a.user.id;
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
type Item = { id: string; number: string; subject: string; priority: string; slaDueAt: string | null };

async function newTicket(customerId: string, fields: Record<string, unknown> = {}) {
  const r = await agent.request('POST', '/api/v1/tickets', {
    kind: 'consultation',
    customerId,
    subject: '咨询',
    description: '使用问题',
    ...fields,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Item & { version: number };
}

async function list(query: string) {
  const r = await agent.request('GET', `/api/v1/tickets?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: Item[]; nextCursor: string | null };
}

/** Every page of a list, following the cursors. */
async function allPages(query: string) {
  const out: Item[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('ticket lists', () => {
  it('sorts by priority, number, creation, update and deadline, each paged by its own cursor', async () => {
    const c = await buildCustomer(t.db);
    const made: Item[] = [];
    for (const [i, priority] of (['normal', 'urgent', 'low', 'high', 'normal'] as const).entries()) {
      clock.set(new Date(T0.getTime() + i * MIN));
      made.push(await newTicket(c.id, { priority, kind: i === 3 ? 'fault_report' : 'consultation' }));
    }
    // The oldest is updated last.
    clock.set(new Date(T0.getTime() + 10 * MIN));
    await agent.request('PATCH', `/api/v1/tickets/${made[0]!.id}`, { version: 1, tags: ['x'] });
    const base = `customerId=${c.id}&limit=2`;
    const ids = (xs: Item[]) => xs.map((x) => x.id);

    expect(ids(await allPages(base))).toEqual(ids([...made].reverse()));
    expect(ids(await allPages(`${base}&sort=created&order=asc`))).toEqual(ids(made));
    const byPriority = await allPages(`${base}&sort=priority`);
    expect(byPriority.map((x) => x.priority)).toEqual(['urgent', 'high', 'normal', 'normal', 'low']);
    // Equal priorities: newest first.
    expect(ids(byPriority.slice(2, 4))).toEqual([made[4]!.id, made[0]!.id]);
    const byNumber = (await allPages(`${base}&sort=number&order=asc`)).map((x) => x.number);
    expect(byNumber).toEqual([...byNumber].sort());
    expect(byNumber).toHaveLength(5);
    expect((await allPages(`${base}&sort=number&order=desc`)).map((x) => x.number)).toEqual(
      [...byNumber].reverse(),
    );
    expect((await allPages(`${base}&sort=updated`))[0]!.id).toBe(made[0]!.id);
    // Due: the earliest running deadline first; the fault report (2-hour and longer targets) and the
    // consultations (15-minute first response) by their deadlines.
    const byDue = await allPages(`${base}&sort=due`);
    const dues = byDue.map((x) => x.slaDueAt ?? 'none');
    expect(dues).toEqual([...dues].sort());
    expect(byDue).toHaveLength(5);
  });

  it('refuses an unknown parameter, an unknown sort and another sort’s cursor, naming the parameter', async () => {
    const unknown = await agent.request('GET', '/api/v1/tickets?queue=all&sorting=number');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('sorting');
    const badSort = await agent.request('GET', '/api/v1/tickets?sort=colour');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.body).toContain('sort');
    const badOrder = await agent.request('GET', '/api/v1/tickets?sort=number&order=up');
    expect(badOrder.statusCode).toBe(400);
    expect(badOrder.body).toContain('order');

    const c = await buildCustomer(t.db);
    await newTicket(c.id);
    await newTicket(c.id);
    const page = await list(`customerId=${c.id}&limit=1&sort=number`);
    expect(page.nextCursor).toBeTruthy();
    const mixed = await agent.request(
      'GET',
      `/api/v1/tickets?customerId=${c.id}&limit=1&sort=created&cursor=${encodeURIComponent(page.nextCursor!)}`,
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.body).toContain('cursor');
    // A forged cursor whose keys would not cast is a 400, not a database error.
    const forged = Buffer.from(
      JSON.stringify(['yesterday\t00000000-0000-4000-8000-000000000000', 'created.desc']),
    ).toString('base64url');
    const bad = await agent.request('GET', `/api/v1/tickets?cursor=${forged}`);
    expect(bad.statusCode, bad.body).toBe(400);
  });

  it('finds Chinese words of two characters and more, and only the tickets that contain them', async () => {
    const c = await buildCustomer(t.db, { name: `华润置地${uid()}` });
    const leak = await newTicket(c.id, { subject: '地下车库漏水', description: '雨后发现' });
    const trip = await newTicket(c.id, { subject: '配电箱跳闸', description: '昨晚雷击后配电箱跳闸' });
    const dark = await newTicket(c.id, { subject: '路灯不亮', description: '水泵房旁的路灯' });
    const find = async (q: string) =>
      (await list(`customerId=${c.id}&q=${encodeURIComponent(q)}`)).items.map((x) => x.id).sort();
    expect(await find('漏水')).toEqual([leak.id]);
    expect(await find('雷击')).toEqual([trip.id]); // in the description only
    expect(await find('跳闸')).toEqual([trip.id]);
    expect(await find('配电箱跳闸')).toEqual([trip.id]);
    // The grams of 水漏 are not a ticket's even though 水 and 漏 are: no false match.
    expect(await find('水漏')).toEqual([]);
    // Every gram of 旁的路灯不 is in one ticket (subject 路灯不亮, description …旁的路灯) but not the word.
    expect(await find('旁的路灯不')).toEqual([]);
    expect(await find('水')).toEqual([leak.id, dark.id].sort());
    expect(await find('路灯')).toEqual([dark.id]);
    expect(await find(trip.number)).toEqual([trip.id]);
    expect(await find(trip.number.slice(3))).toEqual([trip.id]);
    // The customer's name finds its tickets.
    expect(await find(c.name.slice(0, 4))).toEqual([leak.id, trip.id, dark.id].sort());
  });

  it('a word thousands of tickets hold walks the list and still rechecks each ticket', async () => {
    const c = await buildCustomer(t.db);
    // More tickets hold every gram of 无法启动 than a search sorts itself (SORTED_SEARCH_CAP): half
    // with the word, half with its grams apart (无法启 启动), which must not be found.
    const tag = uid();
    await t.db.execute(sql`insert into tickets (number, kind, channel, customer_id, subject, description, team, created_at)
      select 'QT-1999-' || ${tag} || g, 'other', 'phone', ${c.id}::uuid,
             case when g % 2 = 0 then '水泵无法启动' else '无法启 启动' end, '批量', 'agent',
             ${T0.toISOString()}::timestamptz - make_interval(secs => g)
        from generate_series(1, ${SORTED_SEARCH_CAP + 200}) g`);
    const page = await list(`customerId=${c.id}&q=${encodeURIComponent('无法启动')}&limit=200`);
    expect(page.items).toHaveLength(200);
    expect(page.items.every((x) => x.subject === '水泵无法启动')).toBe(true);
    expect(page.nextCursor).toBeTruthy();
    // Once ANALYZE has seen them, the grams' statistics answer whether the word is common, in one
    // statement that reads no index (the count on the GIN index is the fallback's second statement).
    await t.db.execute(sql`analyze tickets`);
    let statements = 0;
    const counting = new Proxy(t.db, {
      get: (db, key) =>
        key === 'execute'
          ? (q: Parameters<typeof db.execute>[0]) => {
              statements++;
              return db.execute(q);
            }
          : Reflect.get(db, key),
    });
    expect(await isCommonTerm(counting, '无法启动')).toBe(true);
    expect(statements).toBe(1);
    expect(await isCommonTerm(counting, '旁的路灯不')).toBe(false);
    expect(await isCommonTerm(t.db, `无法${uid()}`)).toBe(false);
  });

  it('a customer name finds every ticket of the customers it names, page after page, merged with those that mention it', async () => {
    // Two customers the term names (one with many tickets, one with few, some created at the same
    // moment), and a third customer's ticket that mentions the term: each page is the merge of the
    // named customers' first tickets and the mentions, in the list's order, under a filter too.
    const tag = uid();
    const term = `检索客户${tag}`;
    const big = await buildCustomer(t.db, { name: `${term}甲` });
    const small = await buildCustomer(t.db, { name: `${term}乙` });
    const other = await buildCustomer(t.db);
    await t.db.execute(sql`insert into tickets (number, kind, channel, customer_id, subject, description, team, status, created_at)
      select 'QC-1999-' || ${tag} || g, 'other', 'phone', case when g % 5 = 0 then ${small.id}::uuid else ${big.id}::uuid end,
             '咨询', '批量', 'agent', case when g % 3 = 0 then 'in_progress' else 'new' end,
             ${T0.toISOString()}::timestamptz - make_interval(secs => g / 2)
        from generate_series(1, 130) g`);
    const mention = await newTicket(other.id, { subject: `${term}来电`, description: '转述' });
    const expected = async (status?: string) =>
      (
        await t.db.execute<{ id: string }>(sql`select id from tickets
          where (customer_id in (${big.id}::uuid, ${small.id}::uuid) or id = ${mention.id}::uuid)
            and (${status ?? null}::text is null or status = ${status ?? null})
          order by created_at desc, id desc`)
      ).rows.map((r) => r.id);
    const ids = (xs: Item[]) => xs.map((x) => x.id);
    const q = `q=${encodeURIComponent(term)}&limit=20`;
    const all = await expected();
    expect(all).toHaveLength(131);
    expect(ids(await allPages(q))).toEqual(all);
    expect(ids(await allPages(`${q}&order=asc`))).toEqual([...all].reverse());
    expect(ids(await allPages(`${q}&status=in_progress`))).toEqual(await expected('in_progress'));
    // Another order: the same tickets.
    expect(ids(await allPages(`${q}&sort=updated`)).sort()).toEqual([...all].sort());
  });

  it('finds a ticket by its asset’s serial', async () => {
    const c = await buildCustomer(t.db);
    const project = (
      await agent.request('POST', '/api/v1/projects', { customerId: c.id, code: `P-${uid()}`, name: '工程' })
    ).json();
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `M-${uid()}`,
        name: '路灯杆',
        category: 'lighting',
        sizeClass: 'medium',
      })
    ).json();
    const serial = `SN-${uid()}`;
    const asset = (
      await agent.request('POST', '/api/v1/assets', { projectId: project.id, productId: product.id, serial })
    ).json();
    const tk = await newTicket(c.id, { kind: 'fault_report', assetIds: [asset.id], subject: '不亮' });
    await newTicket(c.id);
    const found = await list(`customerId=${c.id}&q=${serial}`);
    expect(found.items.map((x) => x.id)).toEqual([tk.id]);
  });

  it('breaching and breached follow the targets as time passes and as the sweeper and changes move them', async () => {
    const c = await buildCustomer(t.db);
    clock.set(T0);
    const tk = await newTicket(c.id); // consultation: first response 15 min (warning at 11 min)
    const quiet = await newTicket(c.id, { kind: 'complaint' });
    const inQueue = async (queue: string) =>
      (await list(`customerId=${c.id}&queue=${queue}`)).items.map((x) => x.id);
    expect(await inQueue('breaching')).toEqual([]);
    expect(await inQueue('breached')).toEqual([]);

    clock.set(new Date(T0.getTime() + 12 * MIN));
    expect((await inQueue('breaching')).sort()).toEqual([tk.id, quiet.id].sort());
    expect(await inQueue('breached')).toEqual([]);

    // The complaint gets its first public reply: its first response is met, no longer breaching.
    const r = await agent.request('POST', `/api/v1/tickets/${quiet.id}/messages`, {
      kind: 'public_reply',
      body: '已收到',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(await inQueue('breaching')).toEqual([tk.id]);

    // Past the deadline, before any sweep: breached at once; the row's flag comes with the sweep.
    clock.set(new Date(T0.getTime() + 16 * MIN));
    expect(await inQueue('breached')).toEqual([tk.id]);
    expect(await inQueue('breaching')).toEqual([]);
    await sweepSla({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort);
    const [row] = (await list(`customerId=${c.id}&queue=breached`)).items as (Item & {
      slaBreached: boolean;
    })[];
    expect(row?.slaBreached).toBe(true);

    // Handed to an agent: first response met, its other targets still running and not yet due.
    await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, { version: 1, assigneeId: agentId });
    expect(await inQueue('breached')).toEqual([]);
    const after = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    const running = after.sla.filter((s: { state: string }) => s.state === 'running');
    const earliest = running.map((s: { dueAt: string }) => s.dueAt).sort()[0] ?? null;
    expect(after.slaDueAt).toBe(earliest);
  });
});
