import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import type { FieldErrors } from '../../../common/forms/useFieldErrors';
import { PasswordField } from '../../auth/components/PasswordField';
import { normaliseMfaCode } from '../../auth/validation';
import type { MfaReauthRequest } from '../types';

export const mfaReauthFields = ['password', 'code'] as const;
export type MfaReauthField = (typeof mfaReauthFields)[number];
export type MfaReauthValues = Record<MfaReauthField, string>;

interface MfaReauthFieldsProps {
  values: MfaReauthValues;
  errors: FieldErrors<MfaReauthField>;
  hasPassword: boolean;
  onChange: (field: MfaReauthField, value: string) => void;
}

/** Password (when the account has one) and a current code or recovery code. */
export function MfaReauthFields({ values, errors, hasPassword, onChange }: MfaReauthFieldsProps) {
  const t = useT();
  return (
    <>
      {hasPassword && (
        <PasswordField
          name="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          required
          autoFocus
          value={values.password}
          onChange={(event) => onChange('password', event.target.value)}
          error={Boolean(errors.password)}
          helperText={errors.password}
        />
      )}
      <TextField
        name="code"
        label={t('account.mfa.codeOrRecovery')}
        required
        autoFocus={!hasPassword}
        value={values.code}
        onChange={(event) => onChange('code', event.target.value)}
        error={Boolean(errors.code)}
        helperText={errors.code ?? t('account.mfa.codeOrRecoveryHelp')}
        slotProps={{ htmlInput: { autoComplete: 'one-time-code', spellCheck: false, autoCapitalize: 'none' } }}
      />
    </>
  );
}

export function validateMfaReauth(values: MfaReauthValues, hasPassword: boolean, t: ReturnType<typeof useT>): FieldErrors<MfaReauthField> {
  const errors: FieldErrors<MfaReauthField> = {};
  if (hasPassword && !values.password) errors.password = t('validation.required', { field: t('account.currentPassword') });
  if (!values.code.trim()) errors.code = t('validation.required', { field: t('auth.mfa.code') });
  return errors;
}

/** The request body: digits are a TOTP code (spaces dropped); anything else a recovery code. */
export function toMfaReauthRequest(values: MfaReauthValues, hasPassword: boolean): MfaReauthRequest {
  const totp = /^[\d\s]+$/.test(values.code);
  return { ...(hasPassword && { password: values.password }), code: normaliseMfaCode(values.code, !totp) };
}
