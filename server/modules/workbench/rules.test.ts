import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../common/roles.ts';
import { dayBounds, figuresOf, monthSoFar, sectionsOf, weekBounds } from './rules.ts';

const of = (...roles: string[]) => [...sectionsOf(roles, permissionsOf(roles))].sort();

describe('workbench sections', () => {
  it('gives each role the sections of its work', () => {
    expect(of('agent')).toEqual(['desk']);
    expect(of('field_engineer')).toEqual(['jobs']);
    expect(of('manager')).toEqual(['manager']);
    expect(of('storekeeper')).toEqual(['stock']);
    expect(of('trainer')).toEqual(['sessions', 'team']);
    expect(of('customer_user')).toEqual(['portal']);
    expect(of('agent', 'storekeeper')).toEqual(['desk', 'stock']);
  });

  it('leaves out a section whose data the caller may not read', () => {
    expect([...sectionsOf(['manager'], new Set(['tickets.read']))]).toEqual([]);
  });
});

describe('the organisation day', () => {
  it('starts at local midnight, also across a date line in UTC', () => {
    const d = dayBounds(new Date('2026-11-30T17:30:00Z'), 'Asia/Shanghai');
    expect(d.today.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(d.tomorrow.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(d.dayAfter.toISOString()).toBe('2026-12-02T16:00:00.000Z');
  });
});

describe("the trainer's week", () => {
  it('runs from Monday 00:00 to the next Monday in the local zone, whatever the UTC date', () => {
    // Sunday 29 Nov 23:30 in Shanghai (15:30 UTC): still the week of Monday 23 Nov.
    const sunday = weekBounds(new Date('2026-11-29T15:30:00Z'), 'Asia/Shanghai');
    expect(sunday.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(sunday.to.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    // Monday 30 Nov 00:30 in Shanghai (Sunday 16:30 UTC): a new week, across the month's end.
    const monday = weekBounds(new Date('2026-11-29T16:30:00Z'), 'Asia/Shanghai');
    expect(monday.from.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(monday.to.toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });
});

describe('role dashboard figures on the home page', () => {
  const figs = (...roles: string[]) => [...figuresOf(roles, permissionsOf(roles))].sort();
  it('shows each role its own dashboard and none to others', () => {
    expect(figs('storekeeper')).toEqual(['parts']);
    expect(figs('quality_engineer')).toEqual(['quality']);
    expect(figs('trainer')).toEqual(['training']);
    expect(figs('agent')).toEqual([]);
    expect(figs('customer_user')).toEqual([]);
    expect([...figuresOf(['storekeeper'], new Set(['parts.read']))]).toEqual([]);
  });

  it("takes this month in the organisation's zone", () => {
    // 30 Nov 16:30 UTC is 1 Dec 00:30 in Shanghai: the month is December, one day so far.
    expect(monthSoFar(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
    });
    expect(monthSoFar(new Date('2026-11-30T15:59:00Z'), 'Asia/Shanghai')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });
});
