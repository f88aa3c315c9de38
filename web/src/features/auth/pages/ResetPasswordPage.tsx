import { useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useConfirmPasswordResetMutation } from '../authApi';
import { loggedOut, selectIsAuthenticated } from '../authSlice';
import { AuthLayout } from '../components/AuthLayout';
import { PasswordField } from '../components/PasswordField';
import { useLinkToken } from '../useLinkToken';
import { minPasswordLength, resetPasswordFields, validateNewPassword, type ResetPasswordField } from '../validation';

export function ResetPasswordPage() {
  const t = useT();
  useDocumentTitle(t('auth.reset.title'));
  const token = useLinkToken();
  const navigate = useNavigate();
  const dispatch = useAppDispatch();
  const signedIn = useAppSelector(selectIsAuthenticated);
  const formRef = useRef<HTMLFormElement>(null);
  const [confirmReset, { isLoading }] = useConfirmPasswordResetMutation();
  const [values, setValues] = useState({ password: '', confirmPassword: '' });
  const { errors, setErrors, clearField } = useFieldErrors<ResetPasswordField>();
  const [formError, setFormError] = useState<string | null>(null);
  const [linkInvalid, setLinkInvalid] = useState(!token);
  const rateLimit = useRateLimit();

  const footer = (
    <Link component={RouterLink} to="/login">
      {t('auth.forgot.back')}
    </Link>
  );

  if (linkInvalid) {
    return (
      <AuthLayout title={t('auth.reset.invalidTitle')} subtitle={t('auth.reset.invalidBody')} footer={footer}>
        <Button component={RouterLink} to="/forgot-password" variant="contained" fullWidth>
          {t('auth.reset.requestNew')}
        </Button>
      </AuthLayout>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const clientErrors = validateNewPassword(values, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, resetPasswordFields, clientErrors);
      return;
    }
    const result = await confirmReset({ token: token ?? '', password: values.password });
    if (!('error' in result)) {
      // Every session of the account ended with the reset, this browser's too.
      if (signedIn) dispatch(loggedOut('passwordChanged'));
      navigate('/login', { replace: true, state: { notice: 'passwordReset' } });
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(resetPasswordFields, problem.fieldErrors);
    if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
    else if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      focusFirstError(formRef.current, resetPasswordFields, serverErrors);
    } else if (problem.fieldErrors.token || [400, 401, 404, 409, 410].includes(problem.status ?? 0)) setLinkInvalid(true);
    else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const change = (field: ResetPasswordField) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearField(field);
  };

  return (
    <AuthLayout title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')} footer={footer}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('auth.reset.title')}>
        <Stack sx={{ gap: 2 }}>
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordField
            name="password"
            label={t('auth.reset.newPassword')}
            autoComplete="new-password"
            autoFocus
            required
            value={values.password}
            onChange={change('password')}
            error={Boolean(errors.password)}
            helperText={errors.password ?? t('auth.password.help', { min: minPasswordLength })}
          />
          <PasswordField
            name="confirmPassword"
            label={t('auth.reset.confirmPassword')}
            autoComplete="new-password"
            required
            value={values.confirmPassword}
            onChange={change('confirmPassword')}
            error={Boolean(errors.confirmPassword)}
            helperText={errors.confirmPassword}
          />
          <Button type="submit" variant="contained" size="large" loading={isLoading} disabled={rateLimit.waiting} fullWidth>
            {t('auth.reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
