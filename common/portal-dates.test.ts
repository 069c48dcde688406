import { describe, expect, it } from 'vitest';
import { formatPortalDate, formatPortalDay } from './portal-dates.ts';

describe('formatPortalDate', () => {
  const at = '2026-12-01T06:30:00Z';
  it('writes Chinese dates as 2026-12-01 14:30 in the organisation’s zone', () => {
    expect(formatPortalDate(at, 'zh-CN', 'Asia/Shanghai')).toBe('2026-12-01 14:30');
    expect(formatPortalDate(at, 'zh-CN', 'Asia/Shanghai', false)).toBe('2026-12-01');
  });
  it('writes English dates as 1 Dec 2026, 14:30', () => {
    expect(formatPortalDate(at, 'en', 'Asia/Shanghai')).toBe('1 Dec 2026, 14:30');
    expect(formatPortalDate(at, 'en', 'Asia/Shanghai', false)).toBe('1 Dec 2026');
  });
  it('takes the day and hour of the zone, not of the machine', () => {
    expect(formatPortalDate('2026-12-01T17:05:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026-12-02 01:05');
    expect(formatPortalDate('2026-12-01T17:05:00Z', 'en', 'Europe/London')).toBe('1 Dec 2026, 17:05');
  });
  it('shows a dash for a value that is not a date', () => {
    expect(formatPortalDate('nonsense', 'en', 'Asia/Shanghai')).toBe('—');
  });
  it('words a calendar day without moving it to another zone', () => {
    expect(formatPortalDay('2026-03-09', 'zh-CN')).toBe('2026-03-09');
    expect(formatPortalDay('2026-03-09', 'en')).toBe('9 Mar 2026');
  });
});
