import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlined';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useToast } from '../../../common/toast/useToast';
import { useResendVerificationMutation } from '../../account/accountApi';
import { useVerifyEmailMutation } from '../authApi';
import { selectIsAuthenticated } from '../authSlice';
import { AuthLayout } from '../components/AuthLayout';
import { useLinkToken } from '../useLinkToken';

type Outcome = 'verifying' | 'verified' | 'invalid' | 'failed';

/** Where the verification link lands: confirms the address once, then offers the way on. */
export function VerifyEmailPage() {
  const t = useT();
  useDocumentTitle(t('auth.verify.title'));
  const token = useLinkToken();
  const signedIn = useAppSelector(selectIsAuthenticated);
  const toast = useToast();
  const [verify] = useVerifyEmailMutation();
  const [resend, { isLoading: resending }] = useResendVerificationMutation();
  const [outcome, setOutcome] = useState<Outcome>(token ? 'verifying' : 'invalid');
  const attempted = useRef(false);

  const run = async (value: string) => {
    setOutcome('verifying');
    const result = await verify({ token: value });
    if (!('error' in result)) return setOutcome('verified');
    const { status } = describeApiError(result.error);
    setOutcome(status !== null && status >= 400 && status < 500 ? 'invalid' : 'failed');
  };

  useEffect(() => {
    // A token works once: never send it twice (React runs effects twice in development).
    if (!token || attempted.current) return;
    attempted.current = true;
    void run(token);
  }, [token]);

  const resendLink = async () => {
    const result = await resend();
    toast('error' in result ? { message: t('account.verify.resendFailed'), severity: 'error' } : { message: t('account.verify.resent') });
  };

  const onward = signedIn ? (
    <Button component={RouterLink} to="/" variant="contained" fullWidth>
      {t('auth.verify.continue')}
    </Button>
  ) : (
    <Button component={RouterLink} to="/login" variant="contained" fullWidth>
      {t('auth.link.logIn')}
    </Button>
  );

  const footer = (
    <Link component={RouterLink} to={signedIn ? '/' : '/login'}>
      {signedIn ? t('auth.verify.backToApp') : t('auth.forgot.back')}
    </Link>
  );

  if (outcome === 'verifying') {
    return (
      <AuthLayout title={t('auth.verify.title')} subtitle={t('auth.verify.working')} footer={footer}>
        <Stack sx={{ alignItems: 'center', py: 2 }} role="status" aria-live="polite">
          <CircularProgress aria-label={t('auth.verify.working')} />
        </Stack>
      </AuthLayout>
    );
  }
  if (outcome === 'verified') {
    return (
      <AuthLayout title={t('auth.verify.doneTitle')} subtitle={t('auth.verify.doneBody')} footer={footer}>
        <Stack sx={{ gap: 2, alignItems: 'center' }} role="status">
          <CheckCircleOutline color="success" sx={{ fontSize: 48 }} aria-hidden />
          {onward}
        </Stack>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title={outcome === 'invalid' ? t('auth.verify.invalidTitle') : t('common.error.title')}
      subtitle={outcome === 'invalid' ? t('auth.verify.invalidBody') : t('common.error.network')}
      footer={footer}
    >
      <Stack sx={{ gap: 2, alignItems: 'center' }} role="alert">
        <ErrorOutline color="error" sx={{ fontSize: 48 }} aria-hidden />
        {outcome === 'failed' && token && (
          <Button variant="contained" fullWidth onClick={() => void run(token)}>
            {t('common.retry')}
          </Button>
        )}
        {outcome === 'invalid' && signedIn && (
          <Button variant="contained" fullWidth loading={resending} onClick={() => void resendLink()}>
            {t('account.verify.resend')}
          </Button>
        )}
        {outcome === 'invalid' && !signedIn && (
          <Typography variant="body2" color="text.secondary">
            {t('auth.verify.logInToResend')}
          </Typography>
        )}
        {outcome === 'invalid' && !signedIn && onward}
      </Stack>
    </AuthLayout>
  );
}
