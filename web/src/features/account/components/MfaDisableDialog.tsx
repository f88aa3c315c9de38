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
import { useDisableMfaMutation } from '../accountApi';
import {
  MfaReauthFields,
  mfaReauthFields,
  toMfaReauthRequest,
  validateMfaReauth,
  type MfaReauthField,
  type MfaReauthValues,
} from './MfaReauthFields';

const empty: MfaReauthValues = { password: '', code: '' };

/** Turning MFA off asks for the password and a current code (or a recovery code). */
export function MfaDisableDialog({ open, hasPassword, onClose }: { open: boolean; hasPassword: boolean; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [disable, { isLoading }] = useDisableMfaMutation();
  const [values, setValues] = useState(empty);
  const { errors, setErrors, clearField } = useFieldErrors<MfaReauthField>();
  const [formError, setFormError] = useState<string | null>(null);
  const rateLimit = useRateLimit();

  useEffect(() => {
    if (!open) return;
    setValues(empty);
    setErrors({});
    setFormError(null);
  }, [open, setErrors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    rateLimit.reset();
    const clientErrors = validateMfaReauth(values, hasPassword, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstError(formRef.current, mfaReauthFields, clientErrors);
    const result = await disable(toMfaReauthRequest(values, hasPassword));
    if (!('error' in result)) {
      toast({ message: t('account.mfa.disabled') });
      onClose();
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
    <Dialog open={open} onClose={isLoading ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby={titleId}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('account.mfa.disableTitle')}</DialogTitle>
        <DialogContent>
          <Stack sx={{ gap: 2, pt: 0.5 }}>
            <Typography>{t('account.mfa.disableBody')}</Typography>
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
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button onClick={onClose} disabled={isLoading} color="inherit">
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" color="error" loading={isLoading} disabled={rateLimit.waiting}>
            {t('account.mfa.disable')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
