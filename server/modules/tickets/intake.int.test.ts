// Ticket intake under concurrency: the number is taken last in the transaction, so the guarantees
// (gap-free series, SLA targets, audit, archive, webhook outbox) are checked on a burst of creations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ensureSlaDefaults } from '../sla/index.ts';

let t: TestApp;
let agent: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  agent = (await loginAs(t, { role: 'agent' })).session;
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

describe('ticket intake', () => {
  it('50 concurrent creations get consecutive numbers, each with its SLA targets, audit, archive and webhook', async () => {
    const hook = await admin.request('POST', '/api/v1/webhooks', {
      name: 'CRM',
      url: 'http://127.0.0.1:9/hook',
      events: ['ticket.created'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const customer = await buildCustomer(t.db);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        agent.request('POST', '/api/v1/tickets', {
          kind: 'fault_report',
          customerId: customer.id,
          subject: `路灯不亮 ${i}`,
          description: 'x',
        }),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const created = results.map((r) => r.json() as { id: string; number: string; slaDueAt: string | null });
    const seqs = created.map((c) => Number(c.number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(50);
    expect(seqs.at(-1)! - seqs[0]!).toBe(49);

    const ids = created.map((c) => c.id);
    const rows = await t.pool.query<{
      id: string;
      number: string;
      targets: number;
      due: Date | null;
      audits: number;
      archived: number;
      webhooks: number;
    }>(
      `select t.id, t.number,
              (select count(*)::int from sla_targets s where s.ticket_id = t.id) as targets,
              (select min(s.due_at) from sla_targets s where s.ticket_id = t.id and s.state = 'running') as due,
              (select count(*)::int from audit_log a where a.entity_id::text = t.id::text and a.action = 'ticket.create'
                 and a.after->>'number' = t.number) as audits,
              (select count(*)::int from archive_events e where e.ref_id::text = t.id::text
                 and e.summary like t.number || ' %') as archived,
              (select count(*)::int from outbox o where o.template = 'ticket.created'
                 and o.payload->'data'->>'ticketId' = t.id::text
                 and o.payload->'data'->>'number' = t.number) as webhooks
         from tickets t where t.id = any($1::uuid[])`,
      [ids],
    );
    expect(rows.rows).toHaveLength(50);
    for (const row of rows.rows) {
      expect(row.targets, row.number).toBeGreaterThan(0);
      expect(row, row.number).toMatchObject({ audits: 1, archived: 1, webhooks: 1 });
      // The answer's SLA summary is the one the targets give when read back.
      const answer = created.find((c) => c.id === row.id)!;
      expect(answer.number).toBe(row.number);
      expect(answer.slaDueAt).toBe(row.due?.toISOString() ?? null);
    }
  });

  it('the answer is the ticket as read back, and the number series of another kind is its own', async () => {
    const customer = await buildCustomer(t.db);
    const made = await agent.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      customerId: customer.id,
      subject: '服务态度',
      description: 'x',
    });
    expect(made.statusCode, made.body).toBe(201);
    const read = await agent.request('GET', `/api/v1/tickets/${made.json().id}`);
    const {
      sla: _sla,
      links: _links,
      messages: _messages,
      allowedStatuses: _allowed,
      ...detail
    } = read.json();
    expect(made.json()).toEqual(detail);
    expect(made.json().number).toMatch(/^TS-\d{4}-\d{6}$/);
  });
});
