import { useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useLogInMutation } from '../authApi';
import { selectLogoutReason } from '../authSlice';
import { AuthLayout } from '../components/AuthLayout';
import { PasswordField } from '../components/PasswordField';
import type { LogInRequest } from '../types';
import { logInFields, validateLogIn } from '../validation';

type Field = keyof LogInRequest;

export function LogInPage() {
  const t = useT();
  useDocumentTitle(t('auth.logIn.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const logoutReason = useAppSelector(selectLogoutReason);
  const formRef = useRef<HTMLFormElement>(null);
  const [logIn, { isLoading }] = useLogInMutation();
  const [values, setValues] = useState<LogInRequest>({ email: '', password: '' });
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);

  const change = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearField(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const clientErrors = validateLogIn(values, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, logInFields, clientErrors);
      return;
    }
    const result = await logIn({ email: values.email.trim(), password: values.password });
    if (!('error' in result)) {
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from.startsWith('/') ? from : '/', { replace: true });
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(logInFields, problem.fieldErrors);
    setErrors(serverErrors);
    if (problem.status === 401) setFormError(t('auth.logIn.badCredentials'));
    else if (problem.status === 429) setFormError(t('auth.logIn.tooMany'));
    else if (Object.keys(serverErrors).length > 0) focusFirstError(formRef.current, logInFields, serverErrors);
    else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const fieldProps = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: change(field),
    error: Boolean(errors[field]),
    helperText: errors[field],
    required: true,
  });

  return (
    <AuthLayout
      title={t('auth.logIn.title')}
      subtitle={t('auth.logIn.subtitle')}
      footer={
        <>
          {t('auth.logIn.noAccount')}{' '}
          <Link component={RouterLink} to="/signup">
            {t('auth.link.signUp')}
          </Link>
        </>
      }
    >
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('auth.logIn.title')}>
        <Stack sx={{ gap: 2 }}>
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          {!formError && logoutReason === 'expired' && <Alert severity="info">{t('auth.sessionExpired')}</Alert>}
          <TextField {...fieldProps('email')} label={t('auth.email')} type="email" autoComplete="email" autoFocus />
          <PasswordField {...fieldProps('password')} label={t('auth.password')} autoComplete="current-password" />
          <Button type="submit" variant="contained" size="large" loading={isLoading} fullWidth>
            {t('auth.logIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
