import type { MessageKey } from '../../app/i18n';
import { isBlank, isEmail } from '../../common/forms/validators';
import type { FieldErrors } from '../../common/forms/useFieldErrors';
import type { LogInRequest, SignUpRequest } from './types';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const minPasswordLength = 8;
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
