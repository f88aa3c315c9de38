import { z } from 'zod';

const code = z.string().trim().min(6, 'Enter the 6-digit code or a recovery code.').max(32);

export const confirmMfaSchema = z.object({ code });
export type ConfirmMfaInput = z.infer<typeof confirmMfaSchema>;

/** Password (required when the account has one) and a current code or recovery code. */
export const mfaReauthSchema = z.object({
  password: z.string().min(1, 'Enter your password.').max(128).optional(),
  code: code.optional(),
});
export type MfaReauthBody = z.infer<typeof mfaReauthSchema>;
