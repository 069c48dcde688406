import { describe, expect, it } from 'vitest';
import { localYear } from './number-series.ts';

describe('number series', () => {
  it("takes the year of the organisation's zone, not UTC's", () => {
    const newYearsEveUtc = new Date('2026-12-31T17:00:00Z');
    expect(localYear(newYearsEveUtc, 'Asia/Shanghai')).toBe(2027);
    expect(localYear(newYearsEveUtc, 'Europe/London')).toBe(2026);
  });
});
