import { describe, expect, it } from '@jest/globals';
import { expiresAtFor } from './expiry';

const now = new Date('2030-01-10T12:00:00Z');

describe('expiresAtFor', () => {
  it('sends nothing for a key that never expires', () => {
    expect(expiresAtFor('never', '', now)).toBeUndefined();
  });

  it('counts preset days from now', () => {
    expect(expiresAtFor('30', '', now)).toBe('2030-02-09T12:00:00.000Z');
  });

  it('ends a custom date at the end of that local day, and refuses past or malformed dates', () => {
    const iso = expiresAtFor('custom', '2030-03-01', now);
    expect(typeof iso).toBe('string');
    const end = new Date(iso as string);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours()]).toEqual([2030, 2, 1, 23]);
    expect(expiresAtFor('custom', '2029-12-31', now)).toBeNull();
    expect(expiresAtFor('custom', 'soon', now)).toBeNull();
  });
});
