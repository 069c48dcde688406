import { describe, expect, it } from 'vitest';
import { outcomeOf, warningAt, windowClosesAt } from './compliance-rules.ts';

describe('maintenance compliance rules', () => {
  it('closes the due window at the start of the day after the grace days, in the zone', () => {
    expect(windowClosesAt('2026-06-10', 7, 'Asia/Shanghai').toISOString()).toBe('2026-06-17T16:00:00.000Z');
    expect(windowClosesAt('2026-06-10', 0, 'UTC').toISOString()).toBe('2026-06-11T00:00:00.000Z');
    expect(warningAt(new Date('2026-06-17T16:00:00Z'), 3).toISOString()).toBe('2026-06-14T16:00:00.000Z');
  });

  it('counts a visit on time, late, missed or open', () => {
    const closes = new Date('2026-06-17T16:00:00Z');
    const before = new Date('2026-06-15T00:00:00Z');
    const after = new Date('2026-06-20T00:00:00Z');
    expect(outcomeOf({ status: 'completed', completedAt: before }, closes, after)).toBe('on_time');
    expect(outcomeOf({ status: 'completed', completedAt: closes }, closes, after)).toBe('late');
    expect(outcomeOf({ status: 'assigned', completedAt: null }, closes, before)).toBe('open');
    expect(outcomeOf({ status: 'assigned', completedAt: null }, closes, closes)).toBe('missed');
    expect(outcomeOf({ status: 'cancelled', completedAt: null }, closes, before)).toBe('missed');
    expect(outcomeOf(undefined, closes, after)).toBe('missed');
  });
});
