// Outbox delivery through a real SMTP server on 127.0.0.1 (smtp-server), at least once and deduplicated.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { ManualClock, systemClock } from './clock.ts';
import { createMailer } from './mailer.ts';
import { type DeliveredMessage, deliverDueMessages, enqueueMessage, startOutboxDelivery } from './outbox.ts';

let database: TestDatabase;
let smtp: SMTPServer;
let port: number;
const received: { to: string; subject: string; text: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      if (failNext > 0) {
        failNext--;
        stream.resume();
        stream.on('end', () => callback(new Error('mailbox busy')));
        return;
      }
      simpleParser(stream).then((mail) => {
        received.push({
          to: String(mail.to && 'text' in mail.to ? mail.to.text : ''),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await database.drop();
});

describe('outbox', () => {
  it('delivers by SMTP once, even when the same change is enqueued twice, and retries a failure later', async () => {
    const clock = new ManualClock(new Date('2026-05-01T00:00:00Z'));
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, 'Aftercare <service@aftercare.test>', {
      info() {},
    });
    const senders = {
      email: async (m: { recipient: string; payload: Record<string, unknown> }) =>
        mailer.send({ to: m.recipient, subject: String(m.payload.subject), text: String(m.payload.text) }),
    };
    const message = {
      channel: 'email' as const,
      recipient: 'zhou@hzmetro.example',
      template: 'test',
      payload: { subject: '工单已受理 BX-2026-000001', text: '您好，您的报修已受理。' },
      dedupeKey: 'ticket:1:accepted',
    };
    await database.db.transaction(async (tx) => {
      await enqueueMessage(tx, message, clock.now());
      await enqueueMessage(tx, message, clock.now());
    });
    failNext = 1;
    expect(await deliverDueMessages(database.db, clock, senders)).toEqual({ delivered: 0, failed: 1 });
    // not due again until its backoff passes
    expect(await deliverDueMessages(database.db, clock, senders)).toEqual({ delivered: 0, failed: 0 });
    clock.advance(5 * 60_000);
    expect(await deliverDueMessages(database.db, clock, senders)).toEqual({ delivered: 1, failed: 0 });
    expect(await deliverDueMessages(database.db, clock, senders)).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('工单已受理 BX-2026-000001');
    expect(received[0]!.text).toContain('您的报修已受理');
  });

  it('delivers 300 due messages within seconds, without waiting for the minute sweep', async () => {
    const sent = new Set<string>();
    const worker = startOutboxDelivery(database.db, systemClock, {
      sms: async (m: DeliveredMessage) => void sent.add(m.dedupeKey),
    });
    try {
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < 300; i++) {
          await enqueueMessage(
            tx,
            {
              channel: 'sms',
              recipient: '+8613800000000',
              template: 't',
              payload: {},
              dedupeKey: `burst:${i}`,
            },
            systemClock.now(),
          );
        }
      });
      const deadline = Date.now() + 5000;
      while (sent.size < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(sent.size).toBe(300);
    } finally {
      await worker.stop();
    }
  });
});
