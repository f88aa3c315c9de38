import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { waitMessage } from '../../../common/forms/useRateLimit';
import { useToast } from '../../../common/toast/useToast';
import { useGetMeQuery, useResendVerificationMutation } from '../accountApi';

/** Until the address is confirmed: a reminder above every page, with a way to get a new link. */
export function EmailVerificationBanner() {
  const t = useT();
  const toast = useToast();
  const { data: me } = useGetMeQuery();
  const [resend, { isLoading, isSuccess }] = useResendVerificationMutation();
  if (!me || me.emailVerified) return null;

  const resendLink = async () => {
    const result = await resend();
    if (!('error' in result)) {
      toast({ message: t('account.verify.resent') });
      return;
    }
    const problem = describeApiError(result.error);
    toast({
      severity: 'error',
      message:
        problem.status === 429
          ? waitMessage(t, problem.retryAfterSeconds)
          : problem.status === null
            ? t('common.error.network')
            : t('account.verify.resendFailed'),
    });
  };

  return (
    <Alert
      severity="warning"
      variant="outlined"
      sx={{ mb: 3, alignItems: 'center', overflowWrap: 'anywhere' }}
      data-testid="verify-email-banner"
      action={
        <Button color="inherit" size="small" onClick={() => void resendLink()} loading={isLoading} disabled={isSuccess}>
          {isSuccess ? t('account.verify.sent') : t('account.verify.resend')}
        </Button>
      }
    >
      {t('account.verify.banner', { email: me.user.email })}
    </Alert>
  );
}
