import { describe, expect, it } from '@jest/globals';
import { canManageRole, grantableRoles } from './roleRules';

describe('role rules (mirroring the users service)', () => {
  it('lets an owner grant every role and an admin everything but owner', () => {
    expect(grantableRoles('owner')).toEqual(['owner', 'admin', 'manager', 'member', 'viewer']);
    expect(grantableRoles('admin')).toEqual(['admin', 'manager', 'member', 'viewer']);
    expect(grantableRoles(null)).toEqual([]);
  });

  it('keeps owners out of reach of admins', () => {
    expect(canManageRole('admin', 'owner')).toBe(false);
    expect(canManageRole('admin', 'admin')).toBe(true);
    expect(canManageRole('owner', 'owner')).toBe(true);
    expect(canManageRole('manager', 'admin')).toBe(false);
  });
});
