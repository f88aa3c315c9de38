import { consumeAll, type RateLimiter, type RateLimitStore } from '@meridian/platform';

/** Budgets of the sign-in surface (quality.md case 9). */
export interface AuthThrottleSettings {
  loginPerAccount: number;
  loginPerIp: number;
  mfaPerUser: number;
  passwordResetPerAccount: number;
  passwordResetPerIp: number;
}

const FIFTEEN_MINUTES = 15 * 60;
const HOUR = 60 * 60;
const TOO_MANY_ATTEMPTS = 'Too many attempts. Wait a while, then try again.';

/**
 * Throttles guessing: log-in per account and per IP (failures; successes are refunded), second-factor codes per user, password
 * re-entry per user, reset and token links per account and per IP. Accounts are keyed by the
 * normalized email as typed, so unknown and known emails are limited — and answered — alike.
 * Every check spends its budget before any work is done, so parallel guesses are counted too.
 */
export class AuthThrottle {
  private readonly loginAccount: RateLimiter;
  private readonly loginIp: RateLimiter;
  private readonly mfaUser: RateLimiter;
  private readonly mfaIp: RateLimiter;
  private readonly reauthUser: RateLimiter;
  private readonly resetAccount: RateLimiter;
  private readonly resetIp: RateLimiter;
  private readonly tokenIp: RateLimiter;
  private readonly emailUser: RateLimiter;

  constructor(store: RateLimitStore, s: AuthThrottleSettings) {
    const rule = (name: string, points: number, durationSeconds: number, blockSeconds = durationSeconds) =>
      store.limiter({ name, points, durationSeconds, blockSeconds });
    this.loginAccount = rule('login-account', s.loginPerAccount, FIFTEEN_MINUTES);
    this.loginIp = rule('login-ip', s.loginPerIp, FIFTEEN_MINUTES);
    this.mfaUser = rule('mfa-user', s.mfaPerUser, FIFTEEN_MINUTES);
    this.mfaIp = rule('mfa-ip', s.loginPerIp, FIFTEEN_MINUTES);
    this.reauthUser = rule('reauth-user', s.loginPerAccount, FIFTEEN_MINUTES);
    this.resetAccount = rule('reset-account', s.passwordResetPerAccount, HOUR);
    this.resetIp = rule('reset-ip', s.passwordResetPerIp, HOUR);
    this.tokenIp = rule('token-ip', s.loginPerIp, FIFTEEN_MINUTES);
    this.emailUser = rule('email-user', s.passwordResetPerAccount, HOUR);
  }

  /** Before a password (or identity-provider) check. */
  login(email: string | null, ip: string | null): Promise<void> {
    const pairs: Array<[RateLimiter, string]> = [[this.loginIp, ipKey(ip)]];
    if (email) pairs.push([this.loginAccount, email]);
    return consumeAll(pairs, TOO_MANY_ATTEMPTS);
  }

  /**
   * A successful log-in forgets the account's failures and gives the IP its point back: the
   * IP budget counts failures (and attempts in flight), so an office behind one NAT can sign in.
   */
  async loginSucceeded(email: string | null, ip: string | null): Promise<void> {
    await Promise.all([email ? this.loginAccount.reset(email) : undefined, this.loginIp.refund(ipKey(ip))]);
  }

  /** Before checking a TOTP or recovery code of `userId`. */
  secondFactor(userId: string, ip: string | null): Promise<void> {
    return consumeAll(
      [
        [this.mfaUser, userId],
        [this.mfaIp, ipKey(ip)],
      ],
      'Too many codes tried. Wait a while, then try again.',
    );
  }

  async secondFactorSucceeded(userId: string, ip: string | null): Promise<void> {
    await Promise.all([this.mfaUser.reset(userId), this.mfaIp.refund(ipKey(ip))]);
  }

  /** Before checking the password a signed-in user re-enters (change password or email, MFA changes). */
  reauthenticate(userId: string): Promise<void> {
    return consumeAll([[this.reauthUser, userId]], TOO_MANY_ATTEMPTS);
  }

  async reauthenticated(userId: string): Promise<void> {
    await this.reauthUser.reset(userId);
  }

  /** Before a password-reset request. */
  passwordReset(email: string, ip: string | null): Promise<void> {
    return consumeAll(
      [
        [this.resetAccount, email],
        [this.resetIp, ipKey(ip)],
      ],
      'Too many reset requests. Wait a while, then try again.',
    );
  }

  /** Before redeeming an emailed link (reset confirmation, email verification). */
  tokenLink(ip: string | null): Promise<void> {
    return consumeAll([[this.tokenIp, ipKey(ip)]], TOO_MANY_ATTEMPTS);
  }

  /** Before sending a signed-in user another verification email. */
  emailSend(userId: string): Promise<void> {
    return consumeAll([[this.emailUser, userId]], 'Too many emails requested. Wait a while, then try again.');
  }
}

const ipKey = (ip: string | null): string => ip ?? 'unknown';
