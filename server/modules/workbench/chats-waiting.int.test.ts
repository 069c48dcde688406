// "Chats waiting" on the call agent's workbench: live chats (channel chat) still open that nobody at
// the desk has answered publicly; the number opens the tickets' `chats` queue, which lists the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let agent: Session;
let customerUser: Session;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'agent' })).session;
  customerId = (await buildCustomer(t.db)).id;
  customerUser = (await loginAs(t, { customerId })).session;
});
afterAll(() => t.close());

const waiting = async () => {
  const wb = await agent.request('GET', '/api/v1/workbench');
  expect(wb.statusCode, wb.body).toBe(200);
  return wb.json().desk.chatsWaiting as number;
};
const queue = async () => {
  const list = await agent.request('GET', '/api/v1/tickets?queue=chats');
  expect(list.statusCode, list.body).toBe(200);
  return (list.json().items as { id: string }[]).map((i) => i.id);
};
const open = async (by: Session, channel: string, subject: string) => {
  const r = await by.request('POST', '/api/v1/tickets', {
    kind: 'consultation',
    customerId,
    channel,
    subject,
    description: subject,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};

describe('chats waiting', () => {
  it('counts open chats with no public answer, lists them in the chats queue, and drops one once answered', async () => {
    const before = await waiting();
    const chat = await open(customerUser, 'chat', '在线咨询：灯具保修期');
    const second = await open(customerUser, 'chat', '在线咨询：如何报修');
    // A portal request and a phone ticket are not chats.
    await open(customerUser, 'portal', '门户报修');
    await open(agent, 'phone', '电话咨询');
    expect(await waiting()).toBe(before + 2);
    expect(await queue()).toEqual(expect.arrayContaining([chat, second]));

    // An internal note is not an answer; a public reply is.
    const note = await agent.request('POST', `/api/v1/tickets/${chat}/messages`, {
      kind: 'internal_note',
      body: '查合同',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(await waiting()).toBe(before + 2);
    const reply = await agent.request('POST', `/api/v1/tickets/${chat}/messages`, {
      kind: 'public_reply',
      body: '您好，质保期为两年。',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(await waiting()).toBe(before + 1);
    expect(await queue()).not.toContain(chat);
    expect(await queue()).toContain(second);
  });
});
