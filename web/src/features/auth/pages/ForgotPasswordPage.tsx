import { useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import MarkEmailReadOutlined from '@mui/icons-material/MarkEmailReadOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { isBlank, isEmail } from '../../../common/forms/validators';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useRequestPasswordResetMutation } from '../authApi';
import { AuthLayout } from '../components/AuthLayout';

export function ForgotPasswordPage() {
  const t = useT();
  useDocumentTitle(t('auth.forgot.title'));
  const inputRef = useRef<HTMLInputElement>(null);
  const [requestReset, { isLoading }] = useRequestPasswordResetMutation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const rateLimit = useRateLimit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const value = email.trim();
    const clientError = isBlank(value)
      ? t('validation.required', { field: t('auth.email') })
      : isEmail(value)
        ? null
        : t('validation.email');
    setError(clientError);
    if (clientError) {
      inputRef.current?.focus();
      return;
    }
    const result = await requestReset({ email: value });
    if (!('error' in result)) {
      setSentTo(value);
      return;
    }
    const problem = describeApiError(result.error);
    if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
    else if (problem.fieldErrors.email) setError(problem.fieldErrors.email);
    else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const footer = (
    <Link component={RouterLink} to="/login">
      {t('auth.forgot.back')}
    </Link>
  );

  if (sentTo) {
    return (
      <AuthLayout title={t('auth.forgot.sentTitle')} subtitle={t('auth.forgot.sentSubtitle')} footer={footer}>
        <Stack sx={{ gap: 2, alignItems: 'flex-start' }} role="status">
          <MarkEmailReadOutlined color="primary" sx={{ fontSize: 40 }} aria-hidden />
          <Typography>{t('auth.forgot.sentBody', { email: sentTo })}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('auth.forgot.sentHint')}
          </Typography>
          <Button variant="outlined" onClick={() => setSentTo(null)}>
            {t('auth.forgot.tryAnother')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.forgot.title')} subtitle={t('auth.forgot.subtitle')} footer={footer}>
      <form onSubmit={submit} noValidate aria-label={t('auth.forgot.title')}>
        <Stack sx={{ gap: 2 }}>
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          <TextField
            inputRef={inputRef}
            name="email"
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            autoFocus
            required
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              setError(null);
            }}
            error={Boolean(error)}
            helperText={error}
          />
          <Button type="submit" variant="contained" size="large" loading={isLoading} disabled={rateLimit.waiting} fullWidth>
            {t('auth.forgot.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
