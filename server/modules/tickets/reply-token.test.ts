import { describe, expect, it } from 'vitest';
import { failedAuthentication, replyTokenIn } from './reply-token.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('reply token', () => {
  it('is read from the plus part of an address, and only in its exact shape', () => {
    expect(replyTokenIn(['service@x.test', `Reply+${TOKEN.toUpperCase()}@x.test`])).toBe(TOKEN);
    expect(
      replyTokenIn([`reply+${TOKEN}0@x.test`, 'reply+BX-2026-000001@x.test', 'reply@x.test']),
    ).toBeNull();
    expect(replyTokenIn([`${TOKEN}@x.test`])).toBeNull();
  });
});

describe('Authentication-Results', () => {
  it('reports a failed DKIM, SPF or DMARC check of the topmost header only', () => {
    expect(failedAuthentication(['mx.example.test; dkim=fail header.d=a.test; spf=pass'])).toBe('dkim=fail');
    expect(failedAuthentication(['mx.example.test; spf=FAIL smtp.mailfrom=a.test'])).toBe('spf=fail');
    expect(failedAuthentication(['mx.example.test; dkim=pass; spf=softfail; dmarc=none'])).toBeNull();
    expect(failedAuthentication(['mx.example.test; dkim=pass', 'forged; dkim=fail'])).toBeNull();
    expect(failedAuthentication([])).toBeNull();
  });
});
