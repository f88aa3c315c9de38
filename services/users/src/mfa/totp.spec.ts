import { looksLikeTotp, newTotpSecret, totpCode, totpStep, totpUri } from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const t = 1_750_000_000_000;

  it('gives each code its time step, one step of drift either side', () => {
    const step = Math.floor(t / 30_000);
    expect(totpStep(secret, totpCode(secret, t), t)).toBe(step);
    expect(totpStep(secret, totpCode(secret, t - 30_000), t)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, t + 30_000), t)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, t + 90_000), t)).toBeNull();
    expect(totpStep(secret, totpCode(secret, t).replace(/^(\d{3})/, '$1 '), t)).toBe(step);
  });

  it('refuses codes that are not 6 digits', () => {
    expect(looksLikeTotp('12345')).toBe(false);
    expect(looksLikeTotp('abcd-efgh-ijkm')).toBe(false);
    expect(totpStep(secret, 'abcdef', t)).toBeNull();
  });

  it('builds an otpauth URI for authenticator apps', () => {
    const uri = totpUri(secret, 'ada@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Meridian:ada%40example\.com\?/);
    expect(uri).toContain('issuer=Meridian');
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });
});
