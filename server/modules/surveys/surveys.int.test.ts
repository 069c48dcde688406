// Satisfaction surveys over HTTP: settings with the seed's defaults; the poller's sampling, quiet period
// and once-per-source; the signed link (altered, reused, expired, bad stars); an unsatisfied answer
// opening a service-recovery ticket for the manager with the complaint policy's 24-hour target; the
// satisfaction rate against a hand count; the portal list confined to the customer's organisation.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCustomer } from '../../../common/api.ts';
import { isSampled } from '../../../common/survey-rules.ts';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ensureSlaDefaults } from '../sla/index.ts';

const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
const DAY = 86_400_000;
let t: TestApp;
let manager: Session;
let managerId: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  // The seed's SLA policies, as a started installation has them (the complaint policy's 24 h).
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  const m = await loginAs(t, { role: 'manager' });
  manager = m.session;
  managerId = m.user.id;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function customerWithContact(): Promise<TCustomer> {
  return buildCustomer(t.db, {
    name: `客户 ${uid()}`,
    contactEmail: `owner-${uid().toLowerCase()}@example.com`,
    contactPhone: '13800138000',
  });
}

async function closedTicket(customerId: string) {
  const ticket = (
    await manager.request('POST', '/api/v1/tickets', {
      kind: 'consultation',
      customerId,
      subject: '咨询',
      description: '如何设置定时开关',
    })
  ).json();
  const closed = await manager.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
    version: ticket.version,
    status: 'closed',
  });
  expect(closed.statusCode).toBe(200);
  return ticket as { id: string; number: string };
}

async function invite() {
  const res = await manager.request('POST', '/api/v1/surveys/invite');
  expect(res.statusCode).toBe(200);
  return res.json() as { invited: number; skipped: number };
}

async function invitationOf(sourceId: string) {
  const r = await t.db.execute<{ id: string; status: string; skip_reason: string | null }>(
    sql`select id, status, skip_reason from survey_invitations where source_id = ${sourceId}`,
  );
  return r.rows;
}

/** The link in the invitation's email (the outbox row the mailer sends). */
async function linkTokenOf(invitationId: string): Promise<string> {
  const r = await t.db.execute<{ payload: { text: string } }>(
    sql`select payload from outbox where dedupe_key = ${`surveys.invitation:${invitationId}:email`}`,
  );
  const m = /\/s\/(\S+)/.exec(r.rows[0]!.payload.text);
  return m![1]!;
}

async function openSurvey(customerId: string) {
  const ticket = await closedTicket(customerId);
  await invite();
  const [inv] = await invitationOf(ticket.id);
  expect(inv?.status).toBe('open');
  return { ticket, id: inv!.id, token: await linkTokenOf(inv!.id) };
}

const publicPost = (token: string, body: unknown) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}/answer`, payload: body as object });
const GOOD = { responseStars: 5, engineerStars: 4, resultStars: 5, comment: '很好' };

async function setSettings(kind: string, change: Record<string, unknown>) {
  const current = (await manager.request('GET', '/api/v1/surveys/settings'))
    .json()
    .find((s: { kind: string }) => s.kind === kind);
  const { kind: _k, hasSource: _h, updatedAt: _u, ...values } = current;
  const res = await manager.request('PUT', `/api/v1/surveys/settings/${kind}`, { ...values, ...change });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('settings', () => {
  it("start at the seed's defaults, change with the version, and are audited", async () => {
    const list = (await manager.request('GET', '/api/v1/surveys/settings')).json();
    expect(list.map((s: { kind: string }) => s.kind)).toEqual([
      'ticket',
      'repair',
      'maintenance',
      'training',
    ]);
    for (const s of list)
      expect(s).toMatchObject({
        enabled: true,
        samplingPercent: 100,
        quietDays: 7,
        linkDays: 14,
        targetPercent: 95,
        version: 0,
      });
    // Every kind now has its source (training's is the training module's sessions).
    expect(list.every((s: { hasSource: boolean }) => s.hasSource)).toBe(true);
    const body = { enabled: true, samplingPercent: 100, quietDays: 7, linkDays: 14, targetPercent: 96 };
    const saved = await manager.request('PUT', '/api/v1/surveys/settings/repair', { ...body, version: 0 });
    expect(saved.json()).toMatchObject({ targetPercent: 96, version: 1 });
    const stale = await manager.request('PUT', '/api/v1/surveys/settings/repair', { ...body, version: 0 });
    expect(stale.statusCode).toBe(409);
    const bad = await manager.request('PUT', '/api/v1/surveys/settings/repair', {
      ...body,
      samplingPercent: 101,
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('samplingPercent');
    const audit = await t.db.execute(sql`select 1 from audit_log where action = 'surveys.settings'`);
    expect(audit.rows.length).toBe(1);
  });

  it('are not changed by a customer user', async () => {
    const c = await customerWithContact();
    const { session } = await loginAs(t, { customerId: c.id });
    expect((await session.request('GET', '/api/v1/surveys/settings')).statusCode).toBe(403);
  });
});

describe('invitations', () => {
  it('ask once per source by email and SMS, and not twice within the quiet period', async () => {
    const c = await customerWithContact();
    const first = await closedTicket(c.id);
    expect((await invite()).invited).toBeGreaterThanOrEqual(1);
    const [inv] = await invitationOf(first.id);
    expect(inv).toMatchObject({ status: 'open', skip_reason: null });
    const sent = await t.db.execute<{ channel: string; recipient: string }>(
      sql`select channel, recipient from outbox where payload->>'invitationId' = ${inv!.id} order by channel`,
    );
    expect(sent.rows).toEqual([
      { channel: 'email', recipient: c.contactEmail },
      { channel: 'sms', recipient: '13800138000' },
    ]);
    // A rerun reads after the watermark: nothing new, nobody asked twice.
    expect(await invite()).toEqual({ invited: 0, skipped: 0 });
    expect(await invitationOf(first.id)).toHaveLength(1);

    // Two days later another closed ticket of the same customer: within the 7-day quiet period.
    clock.advance(2 * DAY);
    const second = await closedTicket(c.id);
    await invite();
    expect(await invitationOf(second.id)).toMatchObject([{ status: 'skipped', skip_reason: 'quiet_period' }]);

    // Eight days after the first question, the customer may be asked again.
    clock.advance(6 * DAY);
    const third = await closedTicket(c.id);
    await invite();
    expect(await invitationOf(third.id)).toMatchObject([{ status: 'open' }]);
  });

  it('draw sources at the sampling rate, and none when the kind is off', async () => {
    await setSettings('ticket', { samplingPercent: 0 });
    const c = await customerWithContact();
    const ticket = await closedTicket(c.id);
    await invite();
    expect(await invitationOf(ticket.id)).toMatchObject([{ status: 'skipped', skip_reason: 'sampling' }]);
    await setSettings('ticket', { samplingPercent: 100, enabled: false });
    const off = await closedTicket((await customerWithContact()).id);
    await invite();
    expect(await invitationOf(off.id)).toEqual([]);
    await setSettings('ticket', { enabled: true });
    // Turned on again, the watermark had not moved: the ticket closed while off is read now.
    await invite();
    expect(await invitationOf(off.id)).toMatchObject([{ status: 'open' }]);
  });

  it('sampling draws about its share, the same sources every time', () => {
    const ids = Array.from(
      { length: 4000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const drawn = ids.filter((id) => isSampled(id, 30));
    expect(drawn.length / ids.length).toBeGreaterThan(0.26);
    expect(drawn.length / ids.length).toBeLessThan(0.34);
    expect(ids.filter((id) => isSampled(id, 30))).toEqual(drawn);
  });
});

describe('the signed link', () => {
  it('opens without a login and works once', async () => {
    const c = await customerWithContact();
    const s = await openSurvey(c.id);
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${s.token}` });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      status: 'open',
      customerName: c.name,
      sourceNumber: s.ticket.number,
    });
    const ok = await publicPost(s.token, GOOD);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'answered',
      answer: { satisfied: true, recoveryTicketNumber: null },
    });
    const again = await publicPost(s.token, GOOD);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already been answered/);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${s.token}` })).json().status,
    ).toBe('answered');
  });

  it('refuses an altered signature, an altered id, an unknown link, bad stars and unstorable text', async () => {
    const s = await openSurvey((await customerWithContact()).id);
    const [id, exp, sig] = s.token.split('.') as [string, string, string];
    const flipped = `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await publicPost(`${id}.${exp}.${flipped}`, GOOD)).statusCode).toBe(403);
    // A later expiry with the old signature.
    expect(
      (await publicPost(`${id}.${(Number.parseInt(exp, 36) + 86400).toString(36)}.${sig}`, GOOD)).statusCode,
    ).toBe(403);
    const otherId = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
    expect((await publicPost(`${otherId}.${exp}.${sig}`, GOOD)).statusCode).toBe(403);
    expect((await publicPost('not-a-link', GOOD)).statusCode).toBe(404);
    const stars = await publicPost(s.token, { ...GOOD, engineerStars: 6 });
    expect(stars.statusCode).toBe(400);
    expect(stars.json().errors[0].field).toBe('engineerStars');
    const nul = await publicPost(s.token, { ...GOOD, comment: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0].field).toBe('comment');
    const surrogate = await publicPost(s.token, { ...GOOD, comment: 'a\uD800b' });
    expect(surrogate.statusCode).toBe(400);
    // None of these used the link up.
    expect((await publicPost(s.token, GOOD)).statusCode).toBe(200);
  });

  it('expires after the link days (410)', async () => {
    const s = await openSurvey((await customerWithContact()).id);
    clock.advance(15 * DAY);
    const late = await publicPost(s.token, GOOD);
    expect(late.statusCode).toBe(410);
    expect(late.json().detail).toMatch(/expired/);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${s.token}` })).json().status,
    ).toBe('expired');
  });
});

describe('an unsatisfied answer', () => {
  it('opens a service-recovery ticket for the manager with a 24-hour target, shown on the answer', async () => {
    const c = await customerWithContact();
    const s = await openSurvey(c.id);
    const res = await publicPost(s.token, { ...GOOD, engineerStars: 2, comment: '工程师迟到' });
    expect(res.statusCode).toBe(200);
    const number = res.json().answer.recoveryTicketNumber;
    expect(number).toMatch(/^TS/);
    const [row] = (
      await t.db.execute<{ recovery_ticket_id: string }>(
        sql`select recovery_ticket_id from survey_invitations where id = ${s.id}`,
      )
    ).rows;
    const ticket = (await manager.request('GET', `/api/v1/tickets/${row!.recovery_ticket_id}`)).json();
    expect(ticket).toMatchObject({ number, kind: 'complaint', customerId: c.id, assigneeId: managerId });
    expect(ticket.tags).toContain('service-recovery');
    expect(ticket.description).toContain('工程师迟到');
    const handled = ticket.sla.find((x: { metric: string }) => x.metric === 'complaint_handled');
    expect(handled.durationMinutes).toBe(24 * 60);
    // The answer in the staff list links to it.
    const day = clock.now().toISOString().slice(0, 10);
    const answers = (
      await manager.request('GET', `/api/v1/surveys/answers?from=${day}&to=${day}&by=customer&key=${c.id}`)
    ).json();
    expect(answers.items).toMatchObject([{ satisfied: false, recoveryTicketNumber: number }]);
  });

  it('opens one when the customer ticks "not satisfied" with good stars, and not for a 3', async () => {
    const flagged = await openSurvey((await customerWithContact()).id);
    const r1 = await publicPost(flagged.token, { ...GOOD, notSatisfied: true });
    expect(r1.json().answer).toMatchObject({ satisfied: false });
    expect(r1.json().answer.recoveryTicketNumber).toMatch(/^TS/);
    const middling = await openSurvey((await customerWithContact()).id);
    const r2 = await publicPost(middling.token, { ...GOOD, resultStars: 3 });
    expect(r2.json().answer).toMatchObject({ satisfied: false, recoveryTicketNumber: null });
  });
});

describe('the satisfaction rate', () => {
  it('equals a hand count over a fixture, per customer and in total, with the answers behind it', async () => {
    clock.set(new Date('2026-06-10T04:00:00Z'));
    const c = await customerWithContact();
    await setSettings('ticket', { quietDays: 0 });
    // [response, engineer, result]: satisfied when all three are 4 or 5.
    const fixture = [
      [5, 5, 5],
      [4, 4, 4],
      [5, 4, 3],
      [2, 5, 5],
      [4, 5, 4],
      [3, 3, 3],
      [5, 5, 4],
    ] as const;
    for (const [r, e, s] of fixture) {
      const survey = await openSurvey(c.id);
      expect(
        (await publicPost(survey.token, { responseStars: r, engineerStars: e, resultStars: s })).statusCode,
      ).toBe(200);
    }
    await setSettings('ticket', { quietDays: 7 });
    const handSatisfied = 4; // rows 1, 2, 5, 7
    const report = (
      await manager.request('GET', '/api/v1/surveys/report?from=2026-06-01&to=2026-06-30&by=customer')
    ).json();
    const row = report.rows.find((x: { key: string }) => x.key === c.id);
    expect(row).toEqual({
      key: c.id,
      label: c.name,
      answers: 7,
      satisfied: handSatisfied,
      ratePercent: Math.round((handSatisfied / 7) * 1000) / 10,
    });
    expect(report.targetPercent).toBe(95);
    const month = (
      await manager.request('GET', '/api/v1/surveys/report?from=2026-06-01&to=2026-06-30')
    ).json();
    expect(month.rows).toEqual([
      { key: '2026-06', label: '2026-06', answers: 7, satisfied: 4, ratePercent: 57.1 },
    ]);
    const behind = (
      await manager.request(
        'GET',
        `/api/v1/surveys/answers?from=2026-06-01&to=2026-06-30&by=customer&key=${c.id}&satisfied=true&limit=3`,
      )
    ).json();
    expect(behind.items).toHaveLength(3);
    const rest = (
      await manager.request(
        'GET',
        `/api/v1/surveys/answers?from=2026-06-01&to=2026-06-30&by=customer&key=${c.id}&satisfied=true&cursor=${behind.nextCursor}`,
      )
    ).json();
    expect(rest.items).toHaveLength(1);
    const xlsx = await manager.request(
      'GET',
      `/api/v1/surveys/answers/export?from=2026-06-01&to=2026-06-30&by=month&key=2026-06&lang=en`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('the portal', () => {
  it("lists only the organisation's surveys and answers them once; another's is not found", async () => {
    const a = await customerWithContact();
    const b = await customerWithContact();
    const sa = await openSurvey(a.id);
    const sb = await openSurvey(b.id);
    const userA = (await loginAs(t, { customerId: a.id })).session;
    const listed = (await userA.request('GET', '/api/v1/portal/surveys')).json();
    expect(listed.map((x: { id: string }) => x.id)).toEqual([sa.id]);
    expect((await userA.request('POST', `/api/v1/portal/surveys/${sb.id}/answer`, GOOD)).statusCode).toBe(
      404,
    );
    const answered = await userA.request('POST', `/api/v1/portal/surveys/${sa.id}/answer`, GOOD);
    expect(answered.statusCode).toBe(200);
    expect((await userA.request('POST', `/api/v1/portal/surveys/${sa.id}/answer`, GOOD)).statusCode).toBe(
      409,
    );
    // Staff do not answer for the customer.
    expect((await manager.request('POST', `/api/v1/portal/surveys/${sb.id}/answer`, GOOD)).statusCode).toBe(
      403,
    );
  });
});

describe('surveys of the past (the demo dataset)', () => {
  it('asks a past source as the poller would, answers it at its time, opens the recovery, and sends nothing', async () => {
    const { recordPastSurveys } = await import('./index.ts');
    const { systemCtx } = await import('../../platform/context.ts');
    const customer = await customerWithContact();
    const closedAt = clock.now();
    const ticket = await closedTicket(customer.id);
    clock.advance(5 * DAY);
    const ctx = systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test');
    const askedAt = new Date(closedAt.getTime() + 10 * 60_000);
    const answeredAt = new Date(closedAt.getTime() + 3 * DAY);
    const stars = {
      responseStars: 4,
      engineerStars: 2,
      resultStars: 2,
      comment: '第二次才修好',
      notSatisfied: false,
    };
    const [first] = await recordPastSurveys(ctx, [
      {
        kind: 'ticket',
        sourceId: ticket.id,
        askedAt,
        answer: { at: answeredAt, channel: 'link', input: stars },
      },
    ]);
    expect(first?.recoveryTicketId).toBeTruthy();
    const row = await t.db.execute<{
      created_at: Date;
      answered_at: Date;
      satisfied: boolean;
      email: string;
      source_number: string;
      sent: number;
      recovery: string;
    }>(sql`select i.created_at, i.answered_at, i.satisfied, i.email, i.source_number,
                  (select count(*)::int from outbox o where o.payload->>'invitationId' = i.id::text) as sent,
                  (select kind from tickets where id = i.recovery_ticket_id) as recovery
             from survey_invitations i where i.id = ${first!.invitationId}`);
    expect(row.rows[0]).toMatchObject({
      satisfied: false,
      email: customer.contactEmail,
      source_number: ticket.number,
      sent: 0,
      recovery: 'complaint',
    });
    expect(new Date(row.rows[0]!.created_at).getTime()).toBe(askedAt.getTime());
    expect(new Date(row.rows[0]!.answered_at).getTime()).toBe(answeredAt.getTime());
    // Asked once: a second load leaves it; the poller finds it asked too.
    expect(await recordPastSurveys(ctx, [{ kind: 'ticket', sourceId: ticket.id, askedAt }])).toEqual([null]);
    expect(await invitationOf(ticket.id)).toHaveLength(1);
    // Not a survey of the future, nor of a source that is not there.
    const later = await closedTicket(customer.id);
    await expect(
      recordPastSurveys(ctx, [
        { kind: 'ticket', sourceId: later.id, askedAt: new Date(clock.now().getTime() + DAY) },
      ]),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      recordPastSurveys(ctx, [{ kind: 'ticket', sourceId: customer.id, askedAt: clock.now() }]),
    ).rejects.toMatchObject({ status: 400 });
  });
});
