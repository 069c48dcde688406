// Complaints over HTTP on a manual clock: the whole workflow with a reopened round, the deadlines'
// warnings and breaches (each once), a complaint about another customer's records refused, the portal
// confined to its organisation, and the summary against a hand count.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  login,
  loginAs,
  newKey,
  pdfText,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { complaintsHandledBetween, upheldComplaintsOf } from './index.ts';

let t: TestApp;
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let manager: Session;
let agent: Session;
let portal: Session;
let portalB: Session;
let customerA: string;
let customerB: string;
let engineer: { id: string };
let managerId: string;

async function at(iso: string) {
  clock.set(new Date(iso));
  manager = await relogin(manager);
  agent = await relogin(agent);
  portal = await relogin(portal);
  portalB = await relogin(portalB);
}
const users = new Map<Session, { username: string }>();
async function relogin(s: Session) {
  const u = users.get(s)!;
  const next = await login(t, u.username);
  users.set(next, u);
  return next;
}
async function as(options: Parameters<typeof loginAs>[1]) {
  const { user, session } = await loginAs(t, options);
  users.set(session, user);
  return { user, session };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  customerA = (await buildCustomer(t.db, { name: '甲方业主' })).id;
  customerB = (await buildCustomer(t.db, { name: '乙方业主' })).id;
  const m = await as({ role: 'manager' });
  manager = m.session;
  managerId = m.user.id;
  agent = (await as({ role: 'agent' })).session;
  portal = (await as({ customerId: customerA })).session;
  portalB = (await as({ customerId: customerB })).session;
  engineer = (await as({ role: 'field_engineer' })).user;
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }, code = 200) => {
  expect(res.statusCode, res.body).toBe(code);
  return JSON.parse(res.body);
};
async function outboxTo(recipient: string) {
  const r = await t.pool.query<{
    template: string;
    payload: { subject: string; text: string; html?: string };
  }>('select template, payload from outbox where recipient = $1 order by id', [recipient]);
  return r.rows;
}
async function accept(body: Record<string, unknown> = {}, session = agent) {
  return ok(
    await session.request('POST', '/api/v1/complaints', {
      customerId: customerA,
      channel: 'hotline',
      complainantName: '王经理',
      contactPhone: '13800000000',
      contactEmail: `wang-${newKey().slice(0, 8)}@example.com`,
      matter: '维修人员迟到两小时，态度不好',
      category: 'staff_conduct',
      ...body,
    }),
    201,
  );
}

describe('the complaint workflow', () => {
  it('goes acceptance → investigation → plan → unsatisfied → reopen → handled → satisfied → closed', async () => {
    await at('2026-03-02T01:00:00Z');
    const ticket = ok(
      await portal.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        subject: '路灯不亮',
        description: '3号路灯',
      }),
      201,
    );
    const email = 'complainant@example.com';
    const key = newKey();
    const body = {
      customerId: customerA,
      channel: 'email',
      complainantName: '王经理',
      contactEmail: email,
      matter: '<b>维修</b> 迟到 =HYPERLINK("x")',
      category: 'repair_quality',
      againstUserId: engineer.id,
      againstTeam: '一组',
      ticketId: ticket.id,
    };
    let c = ok(await agent.request('POST', '/api/v1/complaints', body, { 'idempotency-key': key }), 201);
    const again = ok(
      await agent.request('POST', '/api/v1/complaints', body, { 'idempotency-key': key }),
      201,
    );
    expect(again.id).toBe(c.id);
    expect(c.number).toMatch(/^TS-2026-\d{6}$/);
    expect(c.status).toBe('accepted');
    expect(c.ticketNumber).toBe(ticket.number);
    expect(c.expectedAnswerAt).toBe('2026-03-03T01:00:00.000Z');
    // The apology with the expected answer time (local: 09:00 in Shanghai), the customer's words as text.
    const [apology] = await outboxTo(email);
    expect(apology!.template).toBe('complaints.accepted');
    expect(apology!.payload.subject).toContain(c.number);
    expect(apology!.payload.text).toContain('深表歉意');
    expect(apology!.payload.text).toContain('2026-03-03 09:00');
    expect(apology!.payload.text).toContain('<b>维修</b>');
    expect(apology!.payload.html).toBeUndefined();

    // A step out of order is a 409; a stale version too.
    expect(
      (
        await agent.request('POST', `/api/v1/complaints/${c.id}/handle`, {
          version: c.version,
          immediate: true,
          solution: 'x',
        })
      ).statusCode,
    ).toBe(409);
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/investigate`, {
        version: c.version,
        responsibleUserId: managerId,
        department: '售后服务部',
      }),
    );
    expect(c.status).toBe('investigating');
    expect(
      (
        await agent.request('POST', `/api/v1/complaints/${c.id}/findings`, {
          version: c.version - 1,
          facts: 'x',
        })
      ).statusCode,
    ).toBe(409);
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/findings`, {
        version: c.version,
        facts: '工程师因交通迟到',
        rootCause: 'process',
        upheld: true,
      }),
    );
    // A plan needs milestones.
    const noPlan = await agent.request('POST', `/api/v1/complaints/${c.id}/handle`, {
      version: c.version,
      immediate: false,
      solution: '调整排班',
    });
    expect(noPlan.statusCode).toBe(422);
    expect(noPlan.json().errors[0].field).toBe('milestones');
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/handle`, {
        version: c.version,
        immediate: false,
        solution: '调整排班并培训',
        milestones: [
          { title: '调整排班', dueOn: '2026-03-05' },
          { title: '完成培训', dueOn: '2026-03-12' },
        ],
      }),
    );
    expect(c.status).toBe('handled');
    expect(c.milestones).toHaveLength(2);
    const plan = (await outboxTo(email)).find((m) => m.template === 'complaints.handled')!;
    expect(plan.payload.text).toContain('2026-03-12  完成培训');
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/progress`, {
        version: c.version,
        note: '排班已调整',
        milestoneId: c.milestones[0].id,
      }),
    );
    expect(c.milestones[0].doneAt).not.toBeNull();
    expect((await outboxTo(email)).map((m) => m.template)).toContain('complaints.progress');

    // The follow-up asks; the customer answers in the portal: not satisfied → reopened, round 2.
    c = ok(await agent.request('POST', `/api/v1/complaints/${c.id}/ask-feedback`, { version: c.version }));
    expect(c.status).toBe('feedback');
    const seen = ok(await portal.request('GET', `/api/v1/complaints/${c.id}`));
    expect(seen.rootCause).toBeNull();
    expect(seen.againstUserId).toBeNull();
    expect(seen.facts).toBeNull();
    c = ok(
      await portal.request('POST', `/api/v1/complaints/${c.id}/feedback`, {
        version: seen.version,
        satisfied: false,
        comment: '还是不满意',
      }),
    );
    expect(c.status).toBe('investigating');
    expect(c.round).toBe(2);
    const staffView = ok(await agent.request('GET', `/api/v1/complaints/${c.id}`));
    expect(staffView.events.map((e: { kind: string }) => e.kind)).toContain('reopened');

    // Round 2: handled at once, satisfied, closed.
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/handle`, {
        version: staffView.version,
        immediate: true,
        solution: '更换工程师并致歉',
      }),
    );
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/feedback`, {
        version: c.version,
        satisfied: true,
      }),
    );
    expect(c.status).toBe('satisfied');
    // Each handling put a feedback call (回访, 篇1 六.5) on the call list, due 24 h later, once per round.
    const feedbackCalls = await t.db.execute<{ period_key: string; reference: string; hours: number }>(
      sql`select period_key, reference, extract(epoch from due_at - created_at)::int / 3600 as hours
            from follow_ups where rule = 'complaint' and subject_id = ${c.id} order by period_key`,
    );
    expect(feedbackCalls.rows).toEqual([
      { period_key: '1', reference: c.number, hours: 24 },
      { period_key: '2', reference: c.number, hours: 24 },
    ]);
    c = ok(await agent.request('POST', `/api/v1/complaints/${c.id}/close`, { version: c.version }));
    expect(c.status).toBe('closed');
    expect(c.events.map((e: { kind: string }) => e.kind)).toEqual([
      'accepted',
      'investigating',
      'findings',
      'handled',
      'progress',
      'feedback_asked',
      'reopened',
      'handled',
      'satisfied',
      'closed',
    ]);
    const audit = await t.db.execute(
      sql`select count(*)::int as n from audit_log where entity_type = 'complaint' and entity_id = ${c.id}`,
    );
    expect(audit.rows[0]!.n).toBe(10);

    // Read models: handled twice in the window; upheld against the engineer.
    const handled = await complaintsHandledBetween(
      t.db,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-03T00:00:00Z'),
    );
    expect(handled.filter((h) => h.id === c.id).map((h) => h.round)).toEqual([2]);
    const upheld = await upheldComplaintsOf(t.db, engineer.id, {
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
    expect(upheld.map((u) => u.id)).toContain(c.id);
  });

  it('lets only a manager close an unsatisfied complaint, and only with a reason', async () => {
    await at('2026-03-02T02:00:00Z');
    const c = await accept();
    const agentTry = await agent.request('POST', `/api/v1/complaints/${c.id}/close`, {
      version: c.version,
      reason: 'x',
    });
    expect(agentTry.statusCode).toBe(403);
    const noReason = await manager.request('POST', `/api/v1/complaints/${c.id}/close`, {
      version: c.version,
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].field).toBe('reason');
    const closed = ok(
      await manager.request('POST', `/api/v1/complaints/${c.id}/close`, {
        version: c.version,
        reason: '客户拒绝继续沟通',
      }),
    );
    expect(closed.closedReason).toBe('客户拒绝继续沟通');
  });
});

describe('deadlines', () => {
  const flags = async (id: string) =>
    (
      await t.db.execute(
        sql`select target || ':' || level as f from complaint_flags where complaint_id = ${id} order by fired_at, target, level`,
      )
    ).rows.map((r) => r.f);
  const sweep = async () => ok(await manager.request('POST', '/api/v1/complaints/deadlines/sweep'));
  const notices = async (id: string) =>
    (
      await t.db.execute(
        sql`select template, recipient from outbox where payload->>'complaintId' = ${id} and channel = 'in_app' order by id`,
      )
    ).rows as { template: string; recipient: string }[];

  it('warns before and flags after each target, once, to the responsible person and the managers', async () => {
    await at('2026-04-01T00:00:00Z');
    let c = await accept({ defect: true });
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/investigate`, {
        version: c.version,
        responsibleUserId: engineer.id,
        department: '维修部',
      }),
    );
    await at('2026-04-01T19:00:00Z');
    await sweep();
    expect(await flags(c.id)).toEqual([]);
    // 4 h before the 24 h deadlines: handle and on-site warn.
    await at('2026-04-01T20:30:00Z');
    await sweep();
    await sweep();
    expect(await flags(c.id)).toEqual(['handle:warning', 'on_site:warning']);
    // The engineer was on site in time: on-site is met and never breaches.
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/findings`, {
        version: c.version,
        onSiteAt: '2026-04-01T20:00:00Z',
      }),
    );
    await at('2026-04-02T00:30:00Z');
    await sweep();
    await sweep();
    expect(await flags(c.id)).toEqual(['handle:warning', 'on_site:warning', 'handle:breach']);
    const sent = await notices(c.id);
    const recipients = (template: string) =>
      sent
        .filter((n) => n.template === template)
        .map((n) => n.recipient)
        .sort();
    expect(recipients('complaints.deadline-breach')).toContain(engineer.id);
    expect(recipients('complaints.deadline-breach')).toContain(managerId);
    expect(new Set(recipients('complaints.deadline-breach')).size).toBe(
      recipients('complaints.deadline-breach').length,
    );
    // Handling stops the solution clock; the feedback deadline runs from the handling.
    c = ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/handle`, {
        version: c.version,
        immediate: true,
        solution: '已修复',
      }),
    );
    await at('2026-04-03T01:00:00Z');
    await sweep();
    expect(await flags(c.id)).toEqual([
      'handle:warning',
      'on_site:warning',
      'handle:breach',
      'feedback:breach',
    ]);
    // Answered: nothing more fires.
    ok(
      await agent.request('POST', `/api/v1/complaints/${c.id}/feedback`, {
        version: c.version,
        satisfied: true,
      }),
    );
    await at('2026-04-10T00:00:00Z');
    const before = (await flags(c.id)).length;
    await sweep();
    expect((await flags(c.id)).length).toBe(before + 1); // only the replacement, still not done
    expect((await flags(c.id)).at(-1)).toBe('replacement:breach');
    await sweep();
    expect((await flags(c.id)).length).toBe(before + 1);
  });

  it('takes its hours from the settings (versioned, audited)', async () => {
    await at('2026-05-01T00:00:00Z');
    const s = ok(await manager.request('GET', '/api/v1/complaints/settings'));
    expect(s).toMatchObject({
      handleHours: 24,
      onSiteHours: 24,
      solutionHours: 48,
      replacementHours: 72,
      feedbackHours: 24,
    });
    const body = { ...s, handleHours: 12, version: s.version };
    delete body.updatedAt;
    const changed = ok(await manager.request('PUT', '/api/v1/complaints/settings', body));
    expect(changed.handleHours).toBe(12);
    expect((await manager.request('PUT', '/api/v1/complaints/settings', body)).statusCode).toBe(409);
    expect(
      (await agent.request('PUT', '/api/v1/complaints/settings', { ...body, version: changed.version }))
        .statusCode,
    ).toBe(403);
    const c = await accept();
    expect(c.expectedAnswerAt).toBe('2026-05-01T12:00:00.000Z');
    ok(
      await manager.request('PUT', '/api/v1/complaints/settings', {
        ...body,
        handleHours: 24,
        version: changed.version,
      }),
    );
  });
});

describe("another customer's records", () => {
  it("refuses a complaint about another customer's ticket, and a portal user naming staff or another customer", async () => {
    await at('2026-03-03T01:00:00Z');
    const ticketB = ok(
      await portalB.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        subject: 'B',
        description: 'B',
      }),
      201,
    );
    const res = await agent.request('POST', '/api/v1/complaints', {
      customerId: customerA,
      complainantName: '王',
      matter: 'x',
      ticketId: ticketB.id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('ticketId');
    const fromPortal = await portal.request('POST', '/api/v1/complaints', {
      complainantName: '王',
      matter: 'x',
      ticketId: ticketB.id,
    });
    expect(fromPortal.statusCode).toBe(422);
    const count = await t.db.execute(
      sql`select count(*)::int as n from complaints where ticket_id = ${ticketB.id}`,
    );
    expect(count.rows[0]!.n).toBe(0);
  });

  it("confines the portal to its organisation's complaints and suggestions", async () => {
    await at('2026-03-03T02:00:00Z');
    const mine = ok(
      await portal.request('POST', '/api/v1/complaints', {
        customerId: customerB,
        channel: 'hotline',
        complainantName: '李',
        matter: '门户投诉',
        againstUserId: engineer.id,
      }),
      201,
    );
    // Filed for its own organisation, through the portal, naming no one.
    expect(mine.customerId).toBe(customerA);
    expect(mine.channel).toBe('portal');
    const theirs = ok(
      await portalB.request('POST', '/api/v1/complaints', { complainantName: '乙', matter: '乙方投诉' }),
      201,
    );
    const list = ok(await portal.request('GET', '/api/v1/complaints?limit=200'));
    expect(list.items.every((i: { customerId: string }) => i.customerId === customerA)).toBe(true);
    expect((await portal.request('GET', `/api/v1/complaints/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (
        await portal.request('POST', `/api/v1/complaints/${theirs.id}/feedback`, {
          version: 1,
          satisfied: true,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await portal.request('POST', `/api/v1/complaints/${mine.id}/investigate`, {
          version: 1,
          responsibleUserId: managerId,
          department: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const sB = ok(
      await portalB.request('POST', '/api/v1/suggestions', { title: '乙方建议', description: '…' }),
      201,
    );
    expect((await portal.request('GET', `/api/v1/suggestions/${sB.id}`)).statusCode).toBe(404);
    const sl = ok(await portal.request('GET', '/api/v1/suggestions'));
    expect(sl.items.some((s: { id: string }) => s.id === sB.id)).toBe(false);
  });
});

describe('improvement suggestions', () => {
  it('are registered, evaluated, decided with the customer told, and their effect tracked', async () => {
    await at('2026-03-04T01:00:00Z');
    const source = await accept();
    const email = 'suggest@example.com';
    let s = ok(
      await agent.request('POST', '/api/v1/suggestions', {
        customerId: customerA,
        sourceKind: 'complaint',
        sourceId: source.id,
        title: '增加夜间值班',
        description: '夜间报修响应慢',
        contactEmail: email,
      }),
      201,
    );
    expect(s.status).toBe('registered');
    // A source complaint of another customer is refused.
    const other = await agent.request('POST', '/api/v1/suggestions', {
      customerId: customerB,
      sourceKind: 'complaint',
      sourceId: source.id,
      title: 'x',
      description: 'x',
    });
    expect(other.statusCode).toBe(422);
    expect(
      (
        await agent.request('POST', `/api/v1/suggestions/${s.id}/evaluate`, {
          version: s.version,
          feasible: true,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await manager.request('POST', `/api/v1/suggestions/${s.id}/decide`, {
          version: s.version,
          decision: 'planned',
        })
      ).statusCode,
    ).toBe(409);
    s = ok(
      await manager.request('POST', `/api/v1/suggestions/${s.id}/evaluate`, {
        version: s.version,
        feasible: true,
        costEstimateFen: 1_200_000,
      }),
    );
    const noReason = await manager.request('POST', `/api/v1/suggestions/${s.id}/decide`, {
      version: s.version,
      decision: 'declined',
    });
    expect(noReason.statusCode).toBe(422);
    s = ok(
      await manager.request('POST', `/api/v1/suggestions/${s.id}/decide`, {
        version: s.version,
        decision: 'planned',
      }),
    );
    expect(s.status).toBe('planned');
    expect(s.customerToldAt).not.toBeNull();
    expect((await outboxTo(email)).map((m) => m.template)).toEqual(['complaints.suggestion-decided']);
    s = ok(
      await manager.request('POST', `/api/v1/suggestions/${s.id}/effect`, {
        version: s.version,
        effectNote: '夜间响应时间缩短一半',
        effectOn: '2026-06-30',
      }),
    );
    expect(s.effectOn).toBe('2026-06-30');
    // The portal sees it, without the internal cost estimate.
    const seen = ok(await portal.request('GET', `/api/v1/suggestions/${s.id}`));
    expect(seen.status).toBe('planned');
    expect(seen.costEstimateFen).toBeNull();
  });
});

describe('the complaint summary', () => {
  it('equals a hand count of the month, on screen, in Excel and in PDF', async () => {
    await at('2026-07-01T00:00:00Z');
    const ra = await as({ role: 'support_engineer' });
    const fixtures = [
      { at: '2026-06-30T15:59:00Z', category: 'charges', againstTeam: '一组' }, // 06-30 23:59 local: June, outside
      {
        at: '2026-06-30T16:00:00Z',
        category: 'product_quality',
        againstTeam: '一组',
        againstUserId: ra.user.id,
      },
      {
        at: '2026-07-03T02:00:00Z',
        category: 'product_quality',
        againstTeam: '二组',
        againstUserId: ra.user.id,
      },
      { at: '2026-07-10T02:00:00Z', category: 'response_time', againstTeam: '一组' },
      { at: '2026-07-31T15:59:00Z', category: 'response_time' }, // 07-31 23:59 local: inside
      { at: '2026-07-31T16:00:00Z', category: 'response_time' }, // August local: outside
    ];
    const ids: string[] = [];
    for (const f of fixtures) {
      await at('2026-08-02T00:00:00Z');
      const c = await accept({
        receivedAt: f.at,
        category: f.category,
        againstTeam: f.againstTeam ?? null,
        againstUserId: f.againstUserId ?? null,
      });
      ids.push(c.id);
    }
    // Upheld against the support engineer once (the first July complaint), and that one handled late.
    let first = ok(
      await agent.request('POST', `/api/v1/complaints/${ids[1]}/investigate`, {
        version: 1,
        responsibleUserId: managerId,
        department: '质量部',
      }),
    );
    first = ok(
      await agent.request('POST', `/api/v1/complaints/${ids[1]}/findings`, {
        version: first.version,
        upheld: true,
        rootCause: 'product_defect',
      }),
    );
    ok(
      await agent.request('POST', `/api/v1/complaints/${ids[1]}/handle`, {
        version: first.version,
        immediate: true,
        solution: '换货',
      }),
    );

    const s = ok(await manager.request('GET', '/api/v1/complaints/summary?from=2026-07&to=2026-07'));
    expect(s.total).toBe(4);
    expect(s.open).toBe(4);
    expect(s.upheld).toBe(1);
    expect(s.handledLate).toBe(1);
    expect(s.handledOnTime).toBe(0);
    const counts = (rows: { key: string; count: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.key, r.count]));
    expect(counts(s.byCategory)).toEqual({ product_quality: 2, response_time: 2 });
    expect(counts(s.byTeam)).toEqual({ 一组: 2, 二组: 1, '': 1 });
    expect(counts(s.byRootCause)).toEqual({ product_defect: 1, '': 3 });
    expect(s.staff).toEqual([{ userId: ra.user.id, name: ra.user.displayName, complaints: 2, upheld: 1 }]);
    expect(s.byRegion.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(4);

    const xlsx = await manager.request(
      'GET',
      '/api/v1/complaints/summary/export?from=2026-07&to=2026-07&lang=en',
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const pdf = await manager.request('GET', '/api/v1/complaints/summary/pdf?from=2026-07&to=2026-07');
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('投诉总结');
    expect(text).toContain('产品质量');
    expect(
      (await agent.request('GET', '/api/v1/complaints/summary?from=2026-07&to=2026-07')).statusCode,
    ).toBe(403);
    expect(
      (await manager.request('GET', '/api/v1/complaints/summary?from=2026-08&to=2026-07')).statusCode,
    ).toBe(422);
  });
});
