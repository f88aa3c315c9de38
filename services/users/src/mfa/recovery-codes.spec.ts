import { newRecoveryCodes, normalizeRecoveryCode, RecoveryCodeHasher } from './recovery-codes.js';

describe('recovery codes', () => {
  it('makes ten distinct codes that read unambiguously', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^[0-9abcdefghjkmnpqrstvwxyz]{4}-[0-9abcdefghjkmnpqrstvwxyz]{4}-[0-9abcdefghjkmnpqrstvwxyz]{4}$/);
  });

  it('hashes with a server key, ignoring case, spaces and dashes', () => {
    const hasher = new RecoveryCodeHasher('a service secret of at least 32 characters');
    expect(normalizeRecoveryCode(' AB12-cd34 EF56 ')).toBe('ab12cd34ef56');
    expect(hasher.hash('ab12-cd34-ef56')).toBe(hasher.hash('AB12 CD34 EF56'));
    expect(hasher.hash('ab12-cd34-ef56')).not.toBe(
      new RecoveryCodeHasher('another service secret of 32+ characters').hash('ab12-cd34-ef56'),
    );
  });
});
