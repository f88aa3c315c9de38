import { ErrorCode, type Role } from '@meridian/platform';
import { assertCanGrant, assertCanManage, assertOwnerRemains, lowerRole, roleRank } from './role-rules.js';

const codeOf = (fn: () => void): ErrorCode | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { code: ErrorCode }).code;
  }
};

describe('role rules', () => {
  it('ranks roles from owner down to viewer', () => {
    expect((['owner', 'admin', 'manager', 'member', 'viewer'] as Role[]).map(roleRank)).toEqual([5, 4, 3, 2, 1]);
    expect(lowerRole('admin', 'member')).toBe('member');
    expect(lowerRole('viewer', 'owner')).toBe('viewer');
  });

  it('grants only roles up to your own, and owner only by an owner', () => {
    expect(codeOf(() => assertCanGrant('owner', 'owner'))).toBeNull();
    expect(codeOf(() => assertCanGrant('admin', 'admin'))).toBeNull();
    expect(codeOf(() => assertCanGrant('admin', 'owner'))).toBe(ErrorCode.PermissionDenied);
    expect(codeOf(() => assertCanGrant('manager', 'admin'))).toBe(ErrorCode.PermissionDenied);
    expect(codeOf(() => assertCanGrant('member', 'viewer'))).toBeNull();
  });

  it('manages members up to your own role; owners only by owners', () => {
    expect(codeOf(() => assertCanManage('admin', 'admin'))).toBeNull();
    expect(codeOf(() => assertCanManage('admin', 'owner'))).toBe(ErrorCode.PermissionDenied);
    expect(codeOf(() => assertCanManage('owner', 'owner'))).toBeNull();
  });

  it('refuses to leave a workspace without an owner', () => {
    expect(codeOf(() => assertOwnerRemains(0))).toBe(ErrorCode.Conflict);
    expect(codeOf(() => assertOwnerRemains(1))).toBeNull();
  });
});
