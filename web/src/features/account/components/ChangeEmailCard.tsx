import { useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { isBlank, isEmail } from '../../../common/forms/validators';
import { useToast } from '../../../common/toast/useToast';
import { PasswordField } from '../../auth/components/PasswordField';
import { SettingsCard } from '../../settings/SettingsCard';
import { useChangeEmailMutation } from '../accountApi';

const fields = ['newEmail', 'password'] as const;
type Field = (typeof fields)[number];

/** A new sign-in address; the current password is asked again (re-authentication). */
export function ChangeEmailCard({ currentEmail, pendingEmail }: { currentEmail: string | undefined; pendingEmail: string | null }) {
  const t = useT();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [changeEmail, { isLoading }] = useChangeEmailMutation();
  const [values, setValues] = useState({ newEmail: '', password: '' });
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const rateLimit = useRateLimit();

  const change = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearField(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const newEmail = values.newEmail.trim();
    const clientErrors: Partial<Record<Field, string>> = {};
    if (isBlank(newEmail)) clientErrors.newEmail = t('validation.required', { field: t('account.email.new') });
    else if (!isEmail(newEmail)) clientErrors.newEmail = t('validation.email');
    else if (currentEmail && newEmail.toLowerCase() === currentEmail.toLowerCase()) clientErrors.newEmail = t('account.email.same');
    if (values.password.length === 0) clientErrors.password = t('validation.required', { field: t('account.currentPassword') });
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, fields, clientErrors);
      return;
    }
    const result = await changeEmail({ newEmail, password: values.password });
    if (!('error' in result)) {
      setValues({ newEmail: '', password: '' });
      setSentTo(result.data?.pendingEmail ?? newEmail);
      toast({ message: t('account.email.changed') });
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(fields, {
      ...problem.fieldErrors,
      newEmail: problem.fieldErrors.newEmail ?? problem.fieldErrors.email ?? '',
    });
    if (problem.status === 409 && !serverErrors.newEmail) serverErrors.newEmail = t('account.email.taken');
    if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
    else if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      focusFirstError(formRef.current, fields, serverErrors);
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  return (
    <SettingsCard title={t('account.email.title')} description={t('account.email.help')}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('account.email.title')}>
        <Stack sx={{ gap: 2, maxWidth: 480 }}>
          {(sentTo ?? pendingEmail) && (
            <Alert severity="info" data-testid="pending-email">
              {t('account.email.checkInbox', { email: sentTo ?? pendingEmail ?? '' })}
            </Alert>
          )}
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          <TextField
            name="newEmail"
            label={t('account.email.new')}
            type="email"
            autoComplete="email"
            required
            value={values.newEmail}
            onChange={change('newEmail')}
            error={Boolean(errors.newEmail)}
            helperText={errors.newEmail}
          />
          <PasswordField
            name="password"
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={values.password}
            onChange={change('password')}
            error={Boolean(errors.password)}
            helperText={errors.password ?? t('account.reauthHelp')}
          />
          <div>
            <Button type="submit" variant="contained" loading={isLoading} disabled={rateLimit.waiting}>
              {t('account.email.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </SettingsCard>
  );
}
