import { describe, expect, it } from 'vitest';
import {
  ALL_ROLES,
  CUSTOMER_ROLES,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  rolesWith,
} from './roles.ts';

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

  it('keeps contracts, the deposit ledger and ticket changes from roles whose work does not need them', () => {
    for (const role of ['field_engineer', 'trainer', 'storekeeper'] as const) {
      const granted = permissionsOf([role]);
      for (const p of ['contracts.read', 'contracts.manage', 'tickets.manage', 'deposits.approve'] as const) {
        expect(granted.has(p), `${role} ${p}`).toBe(false);
      }
      expect(granted.has('tickets.read'), role).toBe(true);
    }
    expect(permissionsOf(['field_engineer']).has('workorders.work')).toBe(true);
    expect(permissionsOf(['storekeeper']).has('parts.manage')).toBe(true);
    for (const role of ['manager', 'agent', 'support_engineer'] as const) {
      expect(permissionsOf([role]).has('contracts.read'), role).toBe(true);
      expect(permissionsOf([role]).has('tickets.manage'), role).toBe(true);
    }
  });

  it('names the staff roles that hold a permission (the approvers of a stock count)', () => {
    expect(rolesWith('stock.approve').sort()).toEqual(['admin', 'manager']);
    for (const role of rolesWith('stock.approve'))
      expect(permissionsOf([role]).has('stock.approve')).toBe(true);
  });
});
