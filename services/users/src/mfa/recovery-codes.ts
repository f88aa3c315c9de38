import { createHmac, hkdfSync, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// Crockford-style base32 without look-alikes (no i, l, o, u): easy to read back from paper.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** Ten single-use codes like `7k2m-9qxa-4rtn` (60 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () =>
    Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join(
      '-',
    ),
  );
}

/** What the user typed, in canonical form: case, spaces and dashes do not matter. */
export const normalizeRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

/**
 * Hashes recovery codes with a server-side key (HMAC-SHA256): a leaked table alone is not
 * enough to brute-force them offline.
 */
export class RecoveryCodeHasher {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'meridian-users', 'recovery-codes', 32));
  }
  hash(code: string): string {
    return createHmac('sha256', this.key).update(normalizeRecoveryCode(code)).digest('hex');
  }
}
