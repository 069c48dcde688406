import { describe, expect, it } from 'vitest';
import { ALL_ROLES, CUSTOMER_ROLES, PERMISSIONS, permissionsOf, ROLE_PERMISSIONS } from './roles.ts';

describe('role → permission table', () => {
  it('grants only declared permissions, and admin holds them all', () => {
    for (const role of ALL_ROLES) {
      for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
    }
    expect([...permissionsOf(['admin'])].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('never gives customer roles administrative or audit permissions', () => {
    for (const role of CUSTOMER_ROLES) {
      const granted = permissionsOf([role]);
      for (const p of [
        'users.read',
        'users.manage',
        'audit.read',
        'api_tokens.manage',
        'customers.manage',
        'tickets.manage',
        'tickets.internal',
      ] as const) {
        expect(granted.has(p), `${role} ${p}`).toBe(false);
      }
    }
  });

  it('unions the permissions of several roles and ignores unknown ones', () => {
    const both = permissionsOf(['agent', 'quality_engineer', 'no-such-role']);
    expect(both.has('customers.manage')).toBe(true);
    expect(both.has('audit.read')).toBe(true);
  });
});
