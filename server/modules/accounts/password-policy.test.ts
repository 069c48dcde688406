import { describe, expect, it } from 'vitest';
import { weakPasswordReason } from './password-policy.ts';

const names = { username: 'liu.gong', displayName: '刘工 Liu' };
const reason = (password: string) => weakPasswordReason(password, names);

describe('password policy', () => {
  it('refuses one repeated character and short repeated units', () => {
    for (const p of ['aaaaaaaaaa', '0000000000', 'ZZZZZZZZZZZZ', 'abababababab', 'abcabcabcabc']) {
      expect(reason(p), p).toMatch(/too easy/);
    }
  });

  it('refuses runs and keyboard rows, forwards, backwards and combined', () => {
    for (const p of [
      '1234567890',
      '0987654321',
      'abcdefghij',
      'jihgfedcba',
      'qwertyuiop',
      'QWERTYUIOP',
      'lkjhgfdsa987',
      'qwerty123456',
      '1qaz2wsx3edc',
      'zxcvbnm1234',
      'asdfgh123456',
    ]) {
      expect(reason(p), p).toMatch(/too easy/);
    }
  });

  it('refuses the most common passwords, also dressed with digits and symbols', () => {
    for (const p of [
      'password123',
      'Password1234',
      'iloveyou1314',
      'woaini1314',
      'P@ssw0rd!!',
      'dragon2026!',
      '!!sunshine!!',
    ]) {
      expect(reason(p), p).toMatch(/most common/);
    }
  });

  it("refuses a password containing the user's login or display name, in any case", () => {
    expect(reason('my-LIU.GONG-secret')).toMatch(/login name or display name/);
    expect(reason('x刘工 liu-2026x')).toMatch(/login name or display name/);
  });

  it('accepts ordinary long passwords', () => {
    for (const p of [
      'correct-horse-battery',
      'trainer-password-1',
      'aftercare-demo',
      'from-the-cli-1',
      'Tea at 4 by the river',
    ]) {
      expect(reason(p), p).toBeNull();
    }
  });
});
