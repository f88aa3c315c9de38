import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const DIGITS = 6;
/** One step either side: tolerates 30 s of clock drift, as authenticator apps expect. */
const WINDOW = 1;
const ISSUER = 'Meridian';

const totpFor = (secretBase32: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: DIGITS, period: PERIOD });

/** A fresh 160-bit TOTP secret, base32 (what authenticator apps accept when typed). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://` URI an authenticator app scans. */
export const totpUri = (secretBase32: string, accountLabel: string): string => totpFor(secretBase32, accountLabel).toString();

/** True for something shaped like a TOTP code (6 digits, spaces allowed). */
export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s/g, ''));

/**
 * The time step a code belongs to, or null when it matches none in the window. Callers
 * accept a code only if its step is newer than the last one used: no replay in the window.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!looksLikeTotp(token)) return null;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secretBase32),
    digits: DIGITS,
    period: PERIOD,
    window: WINDOW,
    timestamp: now,
  });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** The current code (tests and the enrolment screen's self-check). */
export const totpCode = (secretBase32: string, now = Date.now()): string =>
  TOTP.generate({ secret: Secret.fromBase32(secretBase32), digits: DIGITS, period: PERIOD, timestamp: now });
