import { isCommonPassword } from './common-passwords.js';
import { newPasswordSchema, TOO_COMMON } from './password-policy.js';

describe('password policy', () => {
  it('refuses passwords on the common list, whatever their case', () => {
    expect(isCommonPassword('password1')).toBe(true);
    expect(isCommonPassword('Password1')).toBe(true);
    expect(isCommonPassword('iloveyou')).toBe(true);
    expect(isCommonPassword('correct horse battery staple 7')).toBe(false);
    const result = newPasswordSchema.safeParse('Sunshine');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(TOO_COMMON);
  });

  it('bounds length to 8–128 characters without composition rules', () => {
    expect(newPasswordSchema.safeParse('short').success).toBe(false);
    expect(newPasswordSchema.safeParse('x'.repeat(129)).success).toBe(false);
    expect(newPasswordSchema.safeParse('all lowercase words here').success).toBe(true);
  });
});

describe('password policy messages', () => {
  it('reports one problem per password', () => {
    expect(newPasswordSchema.safeParse('short').error?.issues.map((i) => i.message)).toEqual(['Use at least 8 characters.']);
  });
});
