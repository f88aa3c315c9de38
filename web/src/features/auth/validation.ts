import type { MessageKey } from '../../app/i18n';
import { isBlank, isEmail } from '../../common/forms/validators';
import type { FieldErrors } from '../../common/forms/useFieldErrors';
import type { LogInRequest, SignUpRequest } from './types';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const minPasswordLength = 8;
export const maxPasswordLength = 128;
export const signUpFields = ['name', 'workspaceName', 'email', 'password'] as const;
export const logInFields = ['email', 'password'] as const;

export function validateSignUp(values: SignUpRequest, t: Translate): FieldErrors<keyof SignUpRequest> {
  const errors: FieldErrors<keyof SignUpRequest> = {};
  if (isBlank(values.name)) errors.name = t('validation.required', { field: t('auth.name') });
  if (isBlank(values.workspaceName)) {
    errors.workspaceName = t('validation.required', { field: t('auth.workspaceName') });
  }
  if (isBlank(values.email)) errors.email = t('validation.required', { field: t('auth.email') });
  else if (!isEmail(values.email)) errors.email = t('validation.email');
  if (values.password.length < minPasswordLength) {
    errors.password = t('validation.passwordLength', { min: minPasswordLength });
  }
  return errors;
}

export function validateLogIn(values: LogInRequest, t: Translate): FieldErrors<keyof LogInRequest> {
  const errors: FieldErrors<keyof LogInRequest> = {};
  if (isBlank(values.email)) errors.email = t('validation.required', { field: t('auth.email') });
  else if (!isEmail(values.email)) errors.email = t('validation.email');
  if (values.password.length === 0) errors.password = t('validation.required', { field: t('auth.password') });
  return errors;
}

/** What the user typed, as the server expects it: TOTP digits without spaces; recovery codes trimmed. */
export function normaliseMfaCode(code: string, recovery: boolean): string {
  return recovery ? code.trim().toLowerCase() : code.replace(/\s+/g, '');
}

export function validateMfaCode(code: string, recovery: boolean, t: Translate): string | null {
  const value = normaliseMfaCode(code, recovery);
  if (value.length === 0) return t('validation.required', { field: recovery ? t('auth.mfa.recoveryCode') : t('auth.mfa.code') });
  if (!recovery && !/^\d{6}$/.test(value)) return t('auth.mfa.codeFormat');
  return null;
}

export const resetPasswordFields = ['password', 'confirmPassword'] as const;
export type ResetPasswordField = (typeof resetPasswordFields)[number];

/** A new password: the server's length rule, and the two entries must match. */
export function validateNewPassword(values: { password: string; confirmPassword: string }, t: Translate): FieldErrors<ResetPasswordField> {
  const errors: FieldErrors<ResetPasswordField> = {};
  if (values.password.length < minPasswordLength) errors.password = t('validation.passwordLength', { min: minPasswordLength });
  else if (values.password.length > maxPasswordLength) errors.password = t('validation.tooLong', { max: maxPasswordLength });
  if (!errors.password && values.confirmPassword !== values.password) errors.confirmPassword = t('validation.passwordsDiffer');
  return errors;
}
