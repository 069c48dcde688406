import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { deliverDueMessages, enqueueMessage } from '../../platform/outbox.ts';
import { deliverInApp } from './service.ts';

let t: TestApp;
const clock = new ManualClock(new Date('2026-11-24T01:00:00Z'));
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

describe('in-app notifications', () => {
  it('delivers in_app outbox messages to their user once, who alone sees and reads them', async () => {
    const { user: alice, session: aliceSession } = await loginAs(t, { role: 'field_engineer' });
    const { session: bob } = await loginAs(t, { role: 'field_engineer' });
    const message = {
      channel: 'in_app' as const,
      recipient: alice.id,
      template: 'registry.warranty-expiring',
      payload: { serial: 'HZ-L1-P001', period: 'warranty', endsOn: '2026-12-20', daysLeft: 26 },
      dedupeKey: `test:${alice.id}`,
    };
    await enqueueMessage(t.db, message, clock.now());
    const senders = { in_app: (m: Parameters<typeof deliverInApp>[1]) => deliverInApp(t.db, m, clock.now()) };
    expect(await deliverDueMessages(t.db, clock, senders)).toEqual({ delivered: 1, failed: 0 });
    // a redelivery (e.g. after a crash between send and commit) stores nothing twice
    const [row] = (await t.pool.query('select id from outbox where dedupe_key = $1', [message.dedupeKey]))
      .rows;
    await deliverInApp(t.db, { ...message, id: String(row.id), attempts: 1 }, clock.now());

    const mine = (await aliceSession.request('GET', '/api/v1/notifications')).json();
    expect(mine.unread).toBe(1);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].payload.serial).toBe('HZ-L1-P001');
    const theirs = (await bob.request('GET', '/api/v1/notifications')).json();
    expect(theirs.items).toEqual([]);
    expect((await bob.request('POST', `/api/v1/notifications/${mine.items[0].id}/read`)).statusCode).toBe(
      404,
    );
    expect(
      (await aliceSession.request('POST', `/api/v1/notifications/${mine.items[0].id}/read`)).statusCode,
    ).toBe(204);
    expect((await aliceSession.request('GET', '/api/v1/notifications?unread=true')).json()).toEqual({
      unread: 0,
      items: [],
    });
  });
});
