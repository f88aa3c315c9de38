import { useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { useVerifyMfaMutation } from '../authApi';
import { normaliseMfaCode, validateMfaCode } from '../validation';
import { AuthLayout } from './AuthLayout';

interface MfaStepProps {
  mfaToken: string;
  onSignedIn: () => void;
  /** Back to email + password (e.g. the MFA token expired or it was the wrong account). */
  onRestart: () => void;
}

/** The second step of a login with MFA: a code from the authenticator app, or a recovery code. */
export function MfaStep({ mfaToken, onSignedIn, onRestart }: MfaStepProps) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const [verify, { isLoading }] = useVerifyMfaMutation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const rateLimit = useRateLimit();

  const switchMode = () => {
    setUseRecovery((v) => !v);
    setCode('');
    setError(null);
    setFormError(null);
    inputRef.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const clientError = validateMfaCode(code, useRecovery, t);
    setError(clientError);
    if (clientError) {
      inputRef.current?.focus();
      return;
    }
    const result = await verify({ mfaToken, code: normaliseMfaCode(code, useRecovery) });
    if (!('error' in result)) {
      onSignedIn();
      return;
    }
    const problem = describeApiError(result.error);
    if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
    else if (problem.status === 401 && /expired/i.test(problem.detail ?? '')) setFormError(t('auth.mfa.expired'));
    else if (problem.status === 401 || problem.status === 400) {
      setError(problem.fieldErrors.code ?? (useRecovery ? t('auth.mfa.badRecoveryCode') : t('auth.mfa.badCode')));
      inputRef.current?.select();
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  return (
    <AuthLayout
      title={t('auth.mfa.title')}
      subtitle={useRecovery ? t('auth.mfa.recoverySubtitle') : t('auth.mfa.subtitle')}
      footer={
        <Link component="button" type="button" onClick={onRestart}>
          {t('auth.mfa.restart')}
        </Link>
      }
    >
      <form onSubmit={submit} noValidate aria-label={t('auth.mfa.title')}>
        <Stack sx={{ gap: 2 }}>
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          <TextField
            key={useRecovery ? 'recovery' : 'totp'}
            inputRef={inputRef}
            name="code"
            label={useRecovery ? t('auth.mfa.recoveryCode') : t('auth.mfa.code')}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setError(null);
            }}
            error={Boolean(error)}
            helperText={error ?? (useRecovery ? t('auth.mfa.recoveryHelp') : t('auth.mfa.codeHelp'))}
            required
            autoFocus
            slotProps={{
              htmlInput: useRecovery
                ? { autoComplete: 'off', autoCapitalize: 'none', spellCheck: false }
                : { autoComplete: 'one-time-code', inputMode: 'numeric', maxLength: 9 },
            }}
          />
          <Button type="submit" variant="contained" size="large" loading={isLoading} disabled={rateLimit.waiting} fullWidth>
            {t('auth.mfa.submit')}
          </Button>
          <Button variant="text" onClick={switchMode} sx={{ alignSelf: 'center' }}>
            {useRecovery ? t('auth.mfa.useApp') : t('auth.mfa.useRecovery')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
