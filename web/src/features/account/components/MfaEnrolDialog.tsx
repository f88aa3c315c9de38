import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { CopyButton } from '../../../common/components/CopyButton';
import { ErrorState } from '../../../common/components/ErrorState';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { useToast } from '../../../common/toast/useToast';
import { normaliseMfaCode, validateMfaCode } from '../../auth/validation';
import { useConfirmMfaMutation, useEnrolMfaMutation } from '../accountApi';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';

interface MfaEnrolDialogProps {
  open: boolean;
  account: string;
  onClose: () => void;
}

/** The secret in groups of four, easier to type into an authenticator by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Set up TOTP: scan (or type) the secret, prove it with a code, then keep the recovery codes. */
export function MfaEnrolDialog({ open, account, onClose }: MfaEnrolDialogProps) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const toast = useToast();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [enrol, enrolment] = useEnrolMfaMutation();
  const [confirm, { isLoading: confirming }] = useConfirmMfaMutation();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const rateLimit = useRateLimit();
  // One enrolment per opening (each call issues a new secret); the trigger is stable, the
  // result's reset() is not, so it is read through a ref.
  const resetRef = useRef(enrolment.reset);
  resetRef.current = enrolment.reset;

  useEffect(() => {
    if (!open) return;
    setCode('');
    setCodeError(null);
    setFormError(null);
    setRecoveryCodes(null);
    setSaved(false);
    resetRef.current();
    const request = enrol();
    return () => request.abort();
  }, [open, enrol]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const clientError = validateMfaCode(code, false, t);
    setCodeError(clientError);
    if (clientError) return inputRef.current?.focus();
    const result = await confirm({ code: normaliseMfaCode(code, false) });
    if (!('error' in result)) {
      setRecoveryCodes(result.data.recoveryCodes);
      return;
    }
    const problem = describeApiError(result.error);
    if (problem.status === 429) rateLimit.onLimited(problem.retryAfterSeconds);
    else if (problem.status === 400 || problem.status === 401) {
      setCodeError(problem.fieldErrors.code ?? t('auth.mfa.badCode'));
      inputRef.current?.select();
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const finish = () => {
    toast({ message: t('account.mfa.enabled') });
    onClose();
  };

  const secret = enrolment.data;
  let content;
  if (recoveryCodes) {
    content = (
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('account.mfa.codesIntro')}</Typography>
        <RecoveryCodesPanel codes={recoveryCodes} account={account} saved={saved} onSavedChange={setSaved} />
      </DialogContent>
    );
  } else if (enrolment.isError) {
    content = (
      <DialogContent>
        <ErrorState message={t('account.mfa.enrolError')} onRetry={() => void enrol()} retrying={enrolment.isLoading} />
      </DialogContent>
    );
  } else {
    content = (
      <DialogContent>
        <Stack sx={{ gap: 2 }}>
          <Typography>{t('account.mfa.step1')}</Typography>
          <Box
            sx={{ alignSelf: 'center', width: 200, height: 200, p: 1, bgcolor: '#fff', borderRadius: 2, border: 1, borderColor: 'divider' }}
          >
            {secret ? (
              <Box
                component="img"
                src={secret.qrCodeDataUrl}
                alt={t('account.mfa.qrAlt')}
                sx={{ width: '100%', height: '100%', display: 'block' }}
              />
            ) : (
              <Skeleton variant="rectangular" width="100%" height="100%" aria-hidden />
            )}
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t('account.mfa.manualKey')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, alignItems: { sm: 'center' } }}>
            <Typography
              component="code"
              data-testid="mfa-secret"
              sx={{
                fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
                fontSize: '0.95rem',
                overflowWrap: 'anywhere',
                flex: 1,
              }}
            >
              {secret ? grouped(secret.secret) : <Skeleton width={220} />}
            </Typography>
            {secret && <CopyButton text={secret.secret} size="small" label={t('account.mfa.copyKey')} />}
          </Stack>
          <Typography>{t('account.mfa.step2')}</Typography>
          {rateLimit.alert}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          <TextField
            inputRef={inputRef}
            name="code"
            label={t('auth.mfa.code')}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setCodeError(null);
            }}
            error={Boolean(codeError)}
            helperText={codeError ?? t('auth.mfa.codeHelp')}
            required
            disabled={!secret}
            slotProps={{ htmlInput: { autoComplete: 'one-time-code', inputMode: 'numeric', maxLength: 9 } }}
          />
        </Stack>
      </DialogContent>
    );
  }

  return (
    <Dialog
      open={open}
      // Recovery codes are shown once: the dialog stays until the user says they kept them.
      onClose={recoveryCodes || confirming ? undefined : onClose}
      fullScreen={fullScreen}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <form onSubmit={recoveryCodes ? (event) => (event.preventDefault(), finish()) : submit} noValidate>
        <DialogTitle id={titleId}>{recoveryCodes ? t('account.mfa.codesTitle') : t('account.mfa.enrolTitle')}</DialogTitle>
        {content}
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          {recoveryCodes ? (
            <Button type="submit" variant="contained" disabled={!saved}>
              {t('common.done')}
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={confirming} color="inherit">
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="contained" loading={confirming} disabled={!secret || rateLimit.waiting}>
                {t('account.mfa.verify')}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
