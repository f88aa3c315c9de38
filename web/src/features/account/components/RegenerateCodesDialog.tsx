import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useRateLimit } from '../../../common/forms/useRateLimit';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useToast } from '../../../common/toast/useToast';
import { useRegenerateRecoveryCodesMutation } from '../accountApi';
import {
  MfaReauthFields,
  mfaReauthFields,
  toMfaReauthRequest,
  validateMfaReauth,
  type MfaReauthField,
  type MfaReauthValues,
} from './MfaReauthFields';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';

const empty: MfaReauthValues = { password: '', code: '' };

interface RegenerateCodesDialogProps {
  open: boolean;
  account: string;
  hasPassword: boolean;
  onClose: () => void;
}

/** New recovery codes (the old ones stop working), after re-authentication. */
export function RegenerateCodesDialog({ open, account, hasPassword, onClose }: RegenerateCodesDialogProps) {
  const t = useT();
  const toast = useToast();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [regenerate, { isLoading }] = useRegenerateRecoveryCodesMutation();
  const [values, setValues] = useState(empty);
  const { errors, setErrors, clearField } = useFieldErrors<MfaReauthField>();
  const [formError, setFormError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const rateLimit = useRateLimit();

  useEffect(() => {
    if (!open) return;
    setValues(empty);
    setErrors({});
    setFormError(null);
    setCodes(null);
    setSaved(false);
  }, [open, setErrors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (codes) {
      toast({ message: t('account.mfa.codesReplaced') });
      onClose();
      return;
    }
    setFormError(null);
    rateLimit.reset();
    const clientErrors = validateMfaReauth(values, hasPassword, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstError(formRef.current, mfaReauthFields, clientErrors);
    const result = await regenerate(toMfaReauthRequest(values, hasPassword));
    if (!('error' in result)) {
      setCodes(result.data.recoveryCodes);
      return;
    }
    const problem = describeApiError(result.error);
    if (problem.status === 429) return rateLimit.onLimited(problem.retryAfterSeconds);
    const serverErrors = pickFieldErrors(mfaReauthFields, problem.fieldErrors);
    if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      focusFirstError(formRef.current, mfaReauthFields, serverErrors);
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  return (
    <Dialog open={open} onClose={codes || isLoading ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{codes ? t('account.mfa.codesTitle') : t('account.mfa.regenerateTitle')}</DialogTitle>
        <DialogContent>
          {codes ? (
            <RecoveryCodesPanel codes={codes} account={account} saved={saved} onSavedChange={setSaved} />
          ) : (
            <Stack sx={{ gap: 2, pt: 0.5 }}>
              <Typography>{t('account.mfa.regenerateBody')}</Typography>
              {rateLimit.alert}
              {formError && (
                <Alert severity="error" role="alert">
                  {formError}
                </Alert>
              )}
              <MfaReauthFields
                values={values}
                errors={errors}
                hasPassword={hasPassword}
                onChange={(field, value) => {
                  setValues((v) => ({ ...v, [field]: value }));
                  clearField(field);
                }}
              />
            </Stack>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          {codes ? (
            <Button type="submit" variant="contained" disabled={!saved}>
              {t('common.done')}
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={isLoading} color="inherit">
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="contained" loading={isLoading} disabled={rateLimit.waiting}>
                {t('account.mfa.regenerate')}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
