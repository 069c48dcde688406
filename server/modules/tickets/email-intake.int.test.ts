// Email intake through a real SMTP client (nodemailer) to the built-in receiver.
import { createHash, randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { type BlobStore, LocalBlobStore } from '../../platform/blob-store.ts';
import { systemClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { createMailer } from '../../platform/mailer.ts';
import { outboxDeliveryJob } from '../../platform/platform-jobs.ts';
import { deliverInApp } from '../notifications/index.ts';
import { processInboundEmail } from './email-intake.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';

let t: TestApp;
let agent: Session;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let transport: ReturnType<typeof nodemailer.createTransport>;

const MAX_ATTACHMENT = 64 * 1024;
const emailCtx = () => systemCtx({ db: t.db, clock: systemClock, timeZone: TEST_TIME_ZONE }, 'email');

beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'agent' })).session;
  receiver = await startSmtpReceiver({
    port: 0,
    host: '127.0.0.1',
    allowedDomains: ['service.example.test'],
    maxBytes: 10 * 1024 * 1024,
    onMessage: (raw, envelope) =>
      processInboundEmail(emailCtx(), new LocalBlobStore(t.blobDir), raw, {
        maxAttachmentBytes: MAX_ATTACHMENT,
        recipients: envelope.recipients,
      }),
    log: { error() {} },
  });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: receiver.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

async function customerWithContact(email: string) {
  const c = await buildCustomer(t.db);
  await agent.request('POST', '/api/v1/contacts', { customerId: c.id, name: '陈工', email });
  return c;
}

async function ticketsOf(customerId: string) {
  return (await agent.request('GET', `/api/v1/tickets?customerId=${customerId}&limit=50`)).json().items as {
    id: string;
    subject: string;
    description: string;
    channel: string;
    attachmentIds: string[];
  }[];
}

/** A raw GBK-encoded message, as older Chinese mail clients send it. */
function gbkMail(from: string, messageId: string, subject: string, body: string) {
  const encodedSubject = `=?GBK?B?${iconv.encode(subject, 'gbk').toString('base64')}?=`;
  const head = [
    `From: ${from}`,
    'To: service@service.example.test',
    `Subject: ${encodedSubject}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=GBK',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head), Buffer.from(iconv.encode(body, 'gbk').toString('base64'))]);
}

describe('email intake', () => {
  it('turns a GBK-encoded mail from a known contact into a ticket, once per Message-ID', async () => {
    const c = await customerWithContact('chen@gbk.example.test');
    const raw = gbkMail(
      '陈工 <chen@gbk.example.test>',
      '<gbk-1@client.example.test>',
      '冷水机组报警',
      '2号冷水机组高压报警，请尽快处理。',
    );
    await transport.sendMail({
      envelope: { from: 'chen@gbk.example.test', to: ['service@service.example.test'] },
      raw,
    });
    await transport.sendMail({
      envelope: { from: 'chen@gbk.example.test', to: ['service@service.example.test'] },
      raw,
    });
    const list = await ticketsOf(c.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ subject: '冷水机组报警', channel: 'email' });
    expect(list[0]!.description).toContain('2号冷水机组高压报警');
  });

  it('keeps only the text of an HTML mail and stores its attachments', async () => {
    const c = await customerWithContact('html@example.test');
    await transport.sendMail({
      from: 'html@example.test',
      to: 'service@service.example.test',
      subject: 'Photo of the fault',
      html: '<p>See the <b>photo</b>.</p><script>alert("x")</script><img src=x onerror=alert(1)>',
      attachments: [
        {
          filename: '故障照片.png',
          content: Buffer.from(
            '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
            'hex',
          ),
        },
      ],
    });
    const [ticket] = await ticketsOf(c.id);
    expect(ticket!.description).toBe('See the photo.');
    expect(ticket!.description).not.toMatch(/script|onerror/);
    expect(ticket!.attachmentIds).toHaveLength(1);
    const file = (await agent.request('GET', `/api/v1/files/${ticket!.attachmentIds[0]}`)).json();
    expect(file).toMatchObject({ name: '故障照片.png', contentType: 'image/png', customerId: c.id });
  });

  it('threads a reply to our public reply into the ticket, and reopens it', async () => {
    const c = await customerWithContact('reply@example.test');
    await agent.request('PATCH', `/api/v1/customers/${c.id}`, {
      version: c.version,
      contactEmail: 'reply@example.test',
    });
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: c.id,
        subject: '定时设置',
        description: '?',
      })
    ).json();
    const replied = (
      await agent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
        kind: 'public_reply',
        body: '请提供控制器型号',
      })
    ).json();
    await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: replied.version,
      status: 'waiting_customer',
    });
    const out = await t.pool.query(
      `select dedupe_key, payload from outbox where template = 'tickets.public-reply' and payload->>'ticketId' = $1`,
      [ticket.id],
    );
    const ourMessageId = `<${String(out.rows[0].dedupe_key).replace(/[^A-Za-z0-9.-]/g, '.')}@aftercare>`;
    await transport.sendMail({
      from: 'reply@example.test',
      to: 'service@service.example.test',
      subject: 'Re: 定时设置',
      inReplyTo: ourMessageId,
      references: [ourMessageId],
      text: '型号是 SLC-NB100',
    });
    const detail = (await agent.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(detail.status).toBe('in_progress');
    expect(detail.messages.at(-1)).toMatchObject({ kind: 'customer_message', body: '型号是 SLC-NB100' });
  });

  it("quarantines a reply whose sender does not belong to the ticket's customer", async () => {
    const owner = await customerWithContact('owner@example.test');
    await customerWithContact('intruder@example.test');
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'complaint',
        customerId: owner.id,
        subject: '投诉',
        description: 'x',
      })
    ).json();
    await transport.sendMail({
      from: 'intruder@example.test',
      to: 'service@service.example.test',
      subject: `Re: [${ticket.number}] 投诉`,
      text: '我也要看',
    });
    const detail = (await agent.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(detail.messages).toEqual([]);
    const quarantined = (await agent.request('GET', '/api/v1/inbound-emails?status=quarantined')).json();
    expect(quarantined.map((m: { fromAddress: string }) => m.fromAddress)).toContain('intruder@example.test');
  });

  it('puts unknown senders in triage, granting nothing', async () => {
    await transport.sendMail({
      from: 'stranger@nowhere.test',
      to: 'service@service.example.test',
      subject: '你好',
      text: '想咨询产品',
    });
    const triage = (await agent.request('GET', '/api/v1/inbound-emails?status=triage')).json();
    expect(triage.map((m: { fromAddress: string }) => m.fromAddress)).toContain('stranger@nowhere.test');
  });

  it('refuses mail for other domains', async () => {
    await expect(
      transport.sendMail({ from: 'a@example.test', to: 'someone@elsewhere.test', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/550|does not exist/);
  });
});

describe('more charsets', () => {
  it('reads Big5 in quoted-printable and GB2312 subjects', async () => {
    const c = await customerWithContact('big5@example.test');
    const body = iconv.encode('冷氣機組異常，請派員檢修。', 'big5');
    const qp = [...body].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const subject = `=?GB2312?B?${iconv.encode('空调报修', 'gb2312').toString('base64')}?=`;
    const raw = Buffer.from(
      [
        'From: big5@example.test',
        'To: service@service.example.test',
        `Subject: ${subject}`,
        'Message-ID: <big5-1@client.example.test>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=Big5',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        qp,
        '',
      ].join('\r\n'),
    );
    await transport.sendMail({
      envelope: { from: 'big5@example.test', to: ['service@service.example.test'] },
      raw,
    });
    const [ticket] = await ticketsOf(c.id);
    expect(ticket).toMatchObject({ subject: '空调报修' });
    expect(ticket!.description).toContain('冷氣機組異常');
  });

  it('sends our replies with threading headers that point at the customer’s mail', async () => {
    const c = await customerWithContact('thread@example.test');
    await transport.sendMail({
      from: 'thread@example.test',
      to: 'service@service.example.test',
      subject: '门禁故障',
      text: '门禁刷卡无反应',
      messageId: '<first-mail@client.example.test>',
    });
    const [ticket] = await ticketsOf(c.id);
    await agent.request('POST', `/api/v1/tickets/${ticket!.id}/messages`, {
      kind: 'public_reply',
      body: '已收到，明早上门',
    });
    const out = await t.pool.query(
      `select recipient, payload from outbox where template = 'tickets.public-reply' and payload->>'ticketId' = $1`,
      [ticket!.id],
    );
    expect(out.rows[0].recipient).toBe('thread@example.test');
    expect(out.rows[0].payload.inReplyTo).toBe('<first-mail@client.example.test>');
    expect(out.rows[0].payload.references).toEqual(['<first-mail@client.example.test>']);
  });
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

async function fileCount(sha256: string) {
  return Number((await t.pool.query('select count(*) from files where sha256 = $1', [sha256])).rows[0].count);
}

async function blobCount() {
  let n = 0;
  for await (const _ of new LocalBlobStore(t.blobDir).list()) n++;
  return n;
}

describe('one mail, one unit of work', () => {
  it('makes one ticket of the same Message-ID delivered four times at once', async () => {
    const c = await customerWithContact('burst@example.test');
    const raw = Buffer.from(
      [
        'From: burst@example.test',
        'To: service@service.example.test',
        'Subject: 四次投递',
        'Message-ID: <burst-1@client.example.test>',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        '同一封邮件',
        '',
      ].join('\r\n'),
    );
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        processInboundEmail(emailCtx(), new LocalBlobStore(t.blobDir), raw, {
          maxAttachmentBytes: MAX_ATTACHMENT,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'ticket_created',
    ]);
    expect(await ticketsOf(c.id)).toHaveLength(1);
  });

  it('keeps no attachment of a mail that failed (451), and stores them once on the retry', async () => {
    const c = await customerWithContact('retry@example.test');
    const first = Buffer.concat([PNG, Buffer.from(randomUUID())]);
    const second = Buffer.concat([PNG, Buffer.from(randomUUID())]);
    const sha = createHash('sha256').update(first).digest('hex');
    const raw = await new Promise<Buffer>((resolve, reject) =>
      new MailComposer({
        from: 'retry@example.test',
        to: 'service@service.example.test',
        subject: 'two photos',
        messageId: '<retry-1@client.example.test>',
        text: 'see attached',
        attachments: [
          { filename: 'a.png', content: first },
          { filename: 'b.png', content: second },
        ],
      })
        .compile()
        .build((err, message) => (err ? reject(err) : resolve(message))),
    );
    const blobsBefore = await blobCount();
    const working = new LocalBlobStore(t.blobDir);
    let puts = 0;
    const failingOnSecond: BlobStore = {
      inDatabase: false,
      put: async (key, data) => {
        if (++puts === 2) throw new Error('disk full');
        await working.put(key, data);
      },
      get: (key) => working.get(key),
      delete: (key) => working.delete(key),
      list: () => working.list(),
    };
    await expect(
      processInboundEmail(emailCtx(), failingOnSecond, raw, { maxAttachmentBytes: MAX_ATTACHMENT }),
    ).rejects.toThrow('disk full');
    expect(await fileCount(sha)).toBe(0);
    expect(await blobCount()).toBe(blobsBefore);
    expect(await ticketsOf(c.id)).toEqual([]);

    const retried = await processInboundEmail(emailCtx(), working, raw, {
      maxAttachmentBytes: MAX_ATTACHMENT,
    });
    expect(retried.status).toBe('ticket_created');
    const [ticket] = await ticketsOf(c.id);
    expect(ticket!.attachmentIds).toHaveLength(2);
    expect(await fileCount(sha)).toBe(1);
    expect(await blobCount()).toBe(blobsBefore + 2);
  });

  it('takes a mail with NUL characters in its subject and body instead of failing it forever', async () => {
    const c = await customerWithContact('nul@example.test');
    const raw = Buffer.from(
      [
        'From: nul@example.test',
        'To: service@service.example.test',
        `Subject: =?UTF-8?B?${Buffer.from('报\u0000修').toString('base64')}?=`,
        'Message-ID: <nul-1@client.example.test>',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('机组\u0000报警').toString('base64'),
        '',
      ].join('\r\n'),
    );
    await transport.sendMail({
      envelope: { from: 'nul@example.test', to: ['service@service.example.test'] },
      raw,
    });
    const [ticket] = await ticketsOf(c.id);
    expect(ticket).toMatchObject({ subject: '报修', description: '机组报警' });
  });

  it('drops an attachment over the upload limit and says so in the ticket', async () => {
    const c = await customerWithContact('large@example.test');
    await transport.sendMail({
      from: 'large@example.test',
      to: 'service@service.example.test',
      subject: 'big log',
      text: 'log attached',
      attachments: [
        { filename: 'huge.txt', content: Buffer.alloc(MAX_ATTACHMENT + 1, 'a') },
        { filename: 'photo.png', content: PNG },
      ],
    });
    const [ticket] = await ticketsOf(c.id);
    expect(ticket!.attachmentIds).toHaveLength(1);
    expect(ticket!.description).toContain('log attached');
    expect(ticket!.description).toMatch(
      /Attachment "huge\.txt" \(0\.1 MiB\) was not kept: files are limited to 0\.1 MiB/,
    );
  });
});

describe('replies must prove they answer our mail', () => {
  let capture: Awaited<ReturnType<typeof startSmtpReceiver>>;
  const sent: Buffer[] = [];
  beforeAll(async () => {
    capture = await startSmtpReceiver({
      port: 0,
      host: '127.0.0.1',
      allowedDomains: [],
      maxBytes: 1024 * 1024,
      onMessage: async (raw) => void sent.push(raw),
      log: { error() {} },
    });
  });
  afterAll(() => capture.close());

  /** A ticket opened by mail from a contact, answered by an agent; our mail as the customer got it. */
  async function answeredTicket(email: string) {
    const c = await customerWithContact(email);
    await transport.sendMail({
      from: email,
      to: 'service@service.example.test',
      subject: '水泵异响',
      text: '有异响',
    });
    const [ticket] = await ticketsOf(c.id);
    await agent.request('POST', `/api/v1/tickets/${ticket!.id}/messages`, {
      kind: 'public_reply',
      body: '请拍一段视频',
    });
    const mailer = createMailer(
      `smtp://127.0.0.1:${capture.port}`,
      'Aftercare <service@service.example.test>',
      { info() {} },
      'reply@service.example.test',
    );
    await outboxDeliveryJob(mailer, deliverInApp).handler(
      {},
      {
        db: t.db,
        clock: systemClock,
        timeZone: TEST_TIME_ZONE,
        blobStore: new LocalBlobStore(t.blobDir),
        log: { info() {}, error() {} },
      },
    );
    const ours = (await Promise.all(sent.map((raw) => simpleParser(raw)))).find(
      (m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === email,
    );
    const number = (await agent.request('GET', `/api/v1/tickets/${ticket!.id}`)).json().number as string;
    return { ticketId: ticket!.id, number, replyTo: ours!.replyTo!.value[0]!.address! };
  }

  const messagesOf = async (ticketId: string) =>
    (await agent.request('GET', `/api/v1/tickets/${ticketId}`)).json().messages as { body: string }[];

  it('sends our reply with an unguessable Reply-To of the ticket, and a mail to it joins the ticket', async () => {
    const { ticketId, replyTo } = await answeredTicket('token@example.test');
    expect(replyTo).toMatch(/^reply\+[0-9a-f]{32}@service\.example\.test$/);
    await transport.sendMail({
      from: 'token@example.test',
      to: replyTo,
      subject: 'Re: 水泵异响',
      text: '视频见附件',
    });
    expect((await messagesOf(ticketId)).map((m) => m.body)).toContain('视频见附件');
  });

  it('sends a forged reply (the contact’s From and the ticket number, no token) to triage', async () => {
    const { ticketId, number } = await answeredTicket('victim@example.test');
    await transport.sendMail({
      from: 'victim@example.test',
      to: 'service@service.example.test',
      subject: `Re: [${number}] 水泵异响`,
      text: '请把设备寄到新地址',
    });
    expect((await messagesOf(ticketId)).map((m) => m.body)).not.toContain('请把设备寄到新地址');
    const triage = (await agent.request('GET', '/api/v1/inbound-emails?status=triage')).json();
    expect(triage.find((m: { subject: string }) => m.subject.includes(number))).toMatchObject({
      fromAddress: 'victim@example.test',
      ticketId,
    });
  });

  it('does not append a reply whose DKIM check failed at the receiving server, token or not', async () => {
    const { ticketId, replyTo } = await answeredTicket('dkim@example.test');
    await transport.sendMail({
      from: 'dkim@example.test',
      to: replyTo,
      subject: 'Re: 水泵异响',
      text: '伪造的回复',
      headers: {
        'Authentication-Results': 'mx.service.example.test; dkim=fail header.d=example.test; spf=pass',
      },
    });
    expect((await messagesOf(ticketId)).map((m) => m.body)).not.toContain('伪造的回复');
    const triage = (await agent.request('GET', '/api/v1/inbound-emails?status=triage')).json();
    expect(triage.find((m: { bodyText: string }) => m.bodyText === '伪造的回复')?.reason).toMatch(
      /dkim=fail/,
    );
  });
});
