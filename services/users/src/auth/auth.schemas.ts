import { z } from 'zod';

const email = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);
// Length only (NIST 800-63B): no composition rules.
const password = z.string().min(8, 'Use at least 8 characters.').max(128, 'Use at most 128 characters.');

export const signUpSchema = z.object({
  email,
  password,
  name: z.string().trim().min(1, 'Enter your name.').max(200),
  workspaceName: z.string().trim().min(1, 'Name your workspace.').max(200),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const logInSchema = z.object({ email, password: z.string().min(1, 'Enter your password.').max(128) });
export type LogInInput = z.infer<typeof logInSchema>;

export const refreshSchema = z.object({ refreshToken: z.string().min(10).max(300) });
export type RefreshInput = z.infer<typeof refreshSchema>;
