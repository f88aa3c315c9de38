import { z } from 'zod';
import { isCommonPassword } from './common-passwords.js';

export const TOO_COMMON = 'This password is too common. Choose one that is harder to guess.';

/**
 * A password someone is choosing (sign-up, reset, change): 8–128 characters and not on the
 * common-password list. No composition rules (NIST SP 800-63B).
 */
export const newPasswordSchema = z
  .string()
  .min(8, { message: 'Use at least 8 characters.', abort: true })
  .max(128, { message: 'Use at most 128 characters.', abort: true })
  // One message per field: a too-short password is not also reported as too common.
  .refine((p) => !isCommonPassword(p), TOO_COMMON);

/** A password someone is proving they know (log-in, re-authentication): only bounded. */
export const currentPasswordSchema = z.string().min(1, 'Enter your password.').max(128, 'Use at most 128 characters.');
