import { z } from 'zod';
import { currentPasswordSchema, newPasswordSchema } from '../passwords/password-policy.js';

export const emailSchema = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);

export const signUpSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: z.string().trim().min(1, 'Enter your name.').max(200),
  workspaceName: z.string().trim().min(1, 'Name your workspace.').max(200),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const logInSchema = z.object({ email: emailSchema, password: currentPasswordSchema });
export type LogInInput = z.infer<typeof logInSchema>;

export const refreshSchema = z.object({ refreshToken: z.string().min(10).max(300) });
export type RefreshInput = z.infer<typeof refreshSchema>;

export const mfaLogInSchema = z.object({
  mfaToken: z.string().min(10, 'The MFA token is missing.').max(200),
  code: z.string().trim().min(6, 'Enter the 6-digit code or a recovery code.').max(32),
});
export type MfaLogInInput = z.infer<typeof mfaLogInSchema>;
