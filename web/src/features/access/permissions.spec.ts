import { describe, expect, it } from '@jest/globals';
import * as platform from '../../../../services/platform/src/auth/permissions';
import { ROLES as PLATFORM_ROLES } from '../../../../services/platform/src/auth/principal';
import { can, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './permissions';

describe('the web copy of the permission matrix', () => {
  it('lists the platform roles and permissions in the same order', () => {
    expect(ROLES).toEqual(PLATFORM_ROLES);
    expect(PERMISSIONS).toEqual(platform.PERMISSIONS);
  });

  it('grants each role exactly what the platform grants it', () => {
    for (const role of ROLES) {
      expect([...ROLE_PERMISSIONS[role]].sort()).toEqual([...platform.ROLE_PERMISSIONS[role]].sort());
    }
  });

  it('grants nothing without a role', () => {
    expect(can(null, 'members.read')).toBe(false);
    expect(can('viewer', 'members.manage')).toBe(false);
    expect(can('admin', 'members.manage')).toBe(true);
  });
});
