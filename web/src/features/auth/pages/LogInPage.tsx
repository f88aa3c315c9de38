import { useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useLogInMutation } from '../authApi';
import { selectLogoutReason } from '../authSlice';
import { AuthLayout } from '../components/AuthLayout';
import { MfaStep } from '../components/MfaStep';
import { PasswordField } from '../components/PasswordField';
import { isMfaChallenge, type LogInRequest } from '../types';
import { logInFields, validateLogIn } from '../validation';

type Field = keyof LogInRequest;

const logoutNotices = {
  expired: 'auth.sessionExpired',
  passwordChanged: 'auth.passwordChangedLogIn',
} as const;

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
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const rateLimit = useRateLimit();
  const state = location.state as { from?: string; notice?: 'passwordReset' } | null;

  const goOn = () => {
    const from = state?.from;
    navigate(from && from.startsWith('/') ? from : '/', { replace: true });
  };

  const change = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearField(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const clientErrors = validateLogIn(values, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, logInFields, clientErrors);
      return;
    }
    const result = await logIn({ email: values.email.trim(), password: values.password });
    if (result.data) {
      if (isMfaChallenge(result.data)) setMfaToken(result.data.mfaToken);
      else goOn();
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(logInFields, problem.fieldErrors);
    setErrors(serverErrors);
    if (problem.status === 401) setFormError(t('auth.logIn.badCredentials'));
    else if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
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

  if (mfaToken) {
    return (
      <MfaStep
        mfaToken={mfaToken}
        onSignedIn={goOn}
        onRestart={() => {
          setMfaToken(null);
          setValues((v) => ({ ...v, password: '' }));
        }}
      />
    );
  }

  const notice =
    state?.notice === 'passwordReset'
      ? 'auth.reset.doneLogIn'
      : logoutReason && logoutReason !== 'user'
        ? logoutNotices[logoutReason]
        : null;

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
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          {!formError && !rateLimit.limited && notice && <Alert severity="info">{t(notice)}</Alert>}
          <TextField {...fieldProps('email')} label={t('auth.email')} type="email" autoComplete="email" autoFocus />
          <Box>
            <PasswordField {...fieldProps('password')} label={t('auth.password')} autoComplete="current-password" />
            <Link component={RouterLink} to="/forgot-password" variant="body2" sx={{ display: 'inline-block', mt: 1 }}>
              {t('auth.logIn.forgot')}
            </Link>
          </Box>
          <Button type="submit" variant="contained" size="large" loading={isLoading} disabled={rateLimit.waiting} fullWidth>
            {t('auth.logIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
