import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { taggedAddress } from './mailer.ts';

describe('reply address', () => {
  it('adds the tag after a plus in the local part', () => {
    expect(taggedAddress('reply@service.example.test', 'abc')).toBe('reply+abc@service.example.test');
    expect(taggedAddress('a.b@x.test', '0f')).toBe('a.b+0f@x.test');
  });

  it('is MAIL_REPLY_TO, else reply@ the first inbound domain, else none', () => {
    const inbound = { SMTP_INBOUND_PORT: '2525', SMTP_INBOUND_DOMAINS: 'svc.example.test, b.test' };
    expect(loadConfig({}, inbound).mailReplyTo).toBe('reply@svc.example.test');
    expect(loadConfig({}, { ...inbound, MAIL_REPLY_TO: 'help@svc.example.test' }).mailReplyTo).toBe(
      'help@svc.example.test',
    );
    expect(loadConfig({}, {}).mailReplyTo).toBeNull();
  });
});
