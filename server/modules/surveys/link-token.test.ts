import { describe, expect, it } from 'vitest';
import { signSurveyToken, verifySurveyToken } from './link-token.ts';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const ID = '3f2a8c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
const EXPIRES = new Date('2026-12-15T00:00:00Z');

describe('survey link tokens', () => {
  it('verifies its own token with the id and the expiry', () => {
    expect(verifySurveyToken(SECRET, signSurveyToken(SECRET, ID, EXPIRES))).toEqual({
      ok: true,
      id: ID,
      expiresAt: EXPIRES,
    });
  });

  it('refuses another secret, another id, a later expiry, and garbage', () => {
    const token = signSurveyToken(SECRET, ID, EXPIRES);
    const [id, exp, sig] = token.split('.') as [string, string, string];
    expect(verifySurveyToken(`${SECRET}x`, token)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySurveyToken(SECRET, `${id.replace(/.$/, 'c')}.${exp}.${sig}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const later = (Number.parseInt(exp, 36) + 1).toString(36);
    expect(verifySurveyToken(SECRET, `${id}.${later}.${sig}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifySurveyToken(SECRET, 'x.y.z')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySurveyToken(SECRET, token.slice(0, -1))).toEqual({ ok: false, reason: 'malformed' });
  });
});
