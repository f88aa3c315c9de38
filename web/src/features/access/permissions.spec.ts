import { describe, expect, it } from '@jest/globals';
import { can } from './permissions';

describe('permissions in the app', () => {
  it('grants nothing without a role, and what the platform matrix grants otherwise', () => {
    expect(can(null, 'members.read')).toBe(false);
    expect(can(undefined, 'records.read')).toBe(false);
    expect(can('viewer', 'members.manage')).toBe(false);
    expect(can('admin', 'members.manage')).toBe(true);
  });
});
