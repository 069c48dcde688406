import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canTransition,
  NUMBER_PREFIX,
  type RoutingRule,
  routeTicket,
  TICKET_KINDS,
  TICKET_STATUSES,
} from './ticket-rules.ts';

describe('ticket rules', () => {
  it('gives each kind its own number series', () => {
    expect(NUMBER_PREFIX.fault_report).toBe('BX');
    expect(NUMBER_PREFIX.consultation).toBe('ZX');
    const prefixes = new Set(TICKET_KINDS.map((k) => NUMBER_PREFIX[k]));
    expect(prefixes.size).toBe(TICKET_KINDS.length);
  });

  it('allows only declared transitions, and always lets a finished ticket be reopened', () => {
    expect(canTransition('new', 'assigned')).toBe(true);
    expect(canTransition('closed', 'resolved')).toBe(false);
    expect(canTransition('waiting_customer', 'closed')).toBe(false);
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_STATUSES), fc.constantFrom(...TICKET_STATUSES), (a, b) => {
        expect(canTransition(a, b)).toBe(a === b || allowedTransitions(a).includes(b));
      }),
    );
    expect(canTransition('resolved', 'in_progress')).toBe(true);
    expect(canTransition('closed', 'in_progress')).toBe(true);
  });
});

describe('routing', () => {
  const rule = (over: Partial<RoutingRule>): RoutingRule => ({
    position: 1,
    active: true,
    kind: null,
    faultCategory: null,
    productCategory: null,
    region: null,
    team: 'field_engineer',
    assigneeId: null,
    ...over,
  });
  const facts = {
    kind: 'fault_report' as const,
    faultCategory: 'electrical',
    productCategories: ['hvac'],
    region: '四川',
  };

  it('takes the first active rule whose conditions all match', () => {
    const rules = [
      rule({ position: 3, team: 'agent' }),
      rule({ position: 1, kind: 'fault_report', productCategory: 'lighting', team: 'support_engineer' }),
      rule({ position: 2, kind: 'fault_report', region: '四川', team: 'field_engineer', assigneeId: 'u-1' }),
      rule({ position: 0, active: false, team: 'manager' }),
    ];
    expect(routeTicket(rules, facts)).toEqual({ team: 'field_engineer', assigneeId: 'u-1', rule: 2 });
  });

  it('falls back to the default team of the kind', () => {
    expect(routeTicket([rule({ kind: 'complaint', team: 'agent' })], facts)).toEqual({
      team: 'support_engineer',
      assigneeId: null,
      rule: null,
    });
  });
});
