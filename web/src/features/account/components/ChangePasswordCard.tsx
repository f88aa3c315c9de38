import { useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useToast } from '../../../common/toast/useToast';
import { PasswordField } from '../../auth/components/PasswordField';
import { maxPasswordLength, minPasswordLength } from '../../auth/validation';
import { SettingsCard } from '../../settings/SettingsCard';
import { useChangePasswordMutation } from '../accountApi';

const fields = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
type Field = (typeof fields)[number];
const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** A new password, with the current one as re-authentication; every other session ends with it. */
export function ChangePasswordCard() {
  const t = useT();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [changePassword, { isLoading }] = useChangePasswordMutation();
  const [values, setValues] = useState(empty);
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);
  const rateLimit = useRateLimit();

  const change = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearField(field);
  };

  const validate = () => {
    const result: Partial<Record<Field, string>> = {};
    if (values.currentPassword.length === 0) result.currentPassword = t('validation.required', { field: t('account.currentPassword') });
    if (values.newPassword.length < minPasswordLength) result.newPassword = t('validation.passwordLength', { min: minPasswordLength });
    else if (values.newPassword.length > maxPasswordLength) result.newPassword = t('validation.tooLong', { max: maxPasswordLength });
    else if (values.newPassword === values.currentPassword) result.newPassword = t('account.password.same');
    if (!result.newPassword && values.confirmPassword !== values.newPassword) result.confirmPassword = t('validation.passwordsDiffer');
    return result;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const clientErrors = validate();
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, fields, clientErrors);
      return;
    }
    const result = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (!('error' in result)) {
      setValues(empty);
      toast({ message: t('account.password.changed') });
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(fields, {
      ...problem.fieldErrors,
      newPassword: problem.fieldErrors.newPassword ?? problem.fieldErrors.password ?? '',
    });
    if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
    else if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      focusFirstError(formRef.current, fields, serverErrors);
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const field = (name: Field, label: string, autoComplete: 'current-password' | 'new-password', help?: string) => (
    <PasswordField
      name={name}
      label={label}
      autoComplete={autoComplete}
      required
      value={values[name]}
      onChange={change(name)}
      error={Boolean(errors[name])}
      helperText={errors[name] ?? help}
    />
  );

  return (
    <SettingsCard title={t('account.password.title')} description={t('account.password.help')}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('account.password.title')}>
        <Stack sx={{ gap: 2, maxWidth: 480 }}>
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          {field('currentPassword', t('account.currentPassword'), 'current-password')}
          {field('newPassword', t('account.password.new'), 'new-password', t('auth.password.help', { min: minPasswordLength }))}
          {field('confirmPassword', t('auth.reset.confirmPassword'), 'new-password')}
          <div>
            <Button type="submit" variant="contained" loading={isLoading} disabled={rateLimit.waiting}>
              {t('account.password.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </SettingsCard>
  );
}
