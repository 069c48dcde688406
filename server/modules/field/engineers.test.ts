import { describe, expect, it } from 'vitest';
import { nextWorkStart } from './engineers.ts';

const profile = {
  workDays: [1, 2, 3, 4, 5],
  workStart: 480,
  workEnd: 1080,
  leave: [] as { from: string; to: string }[],
};
const ZONE = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local}+08:00`);

describe('nextWorkStart', () => {
  it('is now within working hours, the next morning after them, Monday after a weekend', () => {
    expect(nextWorkStart(profile, sh('2026-11-24T10:00:00'), ZONE)).toEqual(sh('2026-11-24T10:00:00'));
    expect(nextWorkStart(profile, sh('2026-11-24T19:00:00'), ZONE)).toEqual(sh('2026-11-25T08:00:00'));
    expect(nextWorkStart(profile, sh('2026-11-28T09:00:00'), ZONE)).toEqual(sh('2026-11-30T08:00:00'));
  });
  it('skips leave, and gives up after two weeks', () => {
    const away = { ...profile, leave: [{ from: '2026-11-24', to: '2026-11-26' }] };
    expect(nextWorkStart(away, sh('2026-11-24T10:00:00'), ZONE)).toEqual(sh('2026-11-27T08:00:00'));
    expect(nextWorkStart({ ...profile, workDays: [] }, sh('2026-11-24T10:00:00'), ZONE)).toBeNull();
  });
});
