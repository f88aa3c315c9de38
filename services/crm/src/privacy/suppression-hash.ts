import { createHash } from 'node:crypto';

/**
 * What crm.suppressions stores for an erased person: sha256 (hex) of the lower-cased,
 * trimmed email, or of the E.164 phone. Imports hash each row's email/phone the same way
 * and skip a match, so an erased person is not revived; no personal data is kept.
 */
export const suppressionHash = (kind: 'email' | 'phone', value: string): string =>
  createHash('sha256')
    .update(kind === 'email' ? value.trim().toLowerCase() : value.trim())
    .digest('hex');
