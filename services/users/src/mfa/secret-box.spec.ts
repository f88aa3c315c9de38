import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox('a service secret of at least 32 characters', 'mfa-totp');

  it('round-trips a secret bound to its context', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(sealed);
  });

  it('refuses another context, another key, another purpose and tampering', () => {
    const sealed = box.seal('secret', 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => new SecretBox('another service secret of 32+ characters', 'mfa-totp').open(sealed, 'user-1')).toThrow();
    expect(() => new SecretBox('a service secret of at least 32 characters', 'other').open(sealed, 'user-1')).toThrow();
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'user-1')).toThrow();
  });
});
