import { z } from 'zod';
import { emailSchema } from '../auth/auth.schemas.js';
import { currentPasswordSchema, newPasswordSchema } from '../passwords/password-policy.js';

const token = z.string().trim().min(10, 'The link is incomplete.').max(200, 'The link is invalid.');

export const verifyEmailSchema = z.object({ token });
export type VerifyEmailInput = z.infer<typeof verifyEmailSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetConfirmSchema = z.object({ token, password: newPasswordSchema });
export type PasswordResetConfirmInput = z.infer<typeof passwordResetConfirmSchema>;

export const changePasswordSchema = z.object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const changeEmailSchema = z.object({ password: currentPasswordSchema, newEmail: emailSchema });
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;
