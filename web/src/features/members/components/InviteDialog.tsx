import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { isBlank, isEmail } from '../../../common/forms/validators';
import { useToast } from '../../../common/toast/useToast';
import type { Role } from '../../access/permissions';
import { roleDescriptionKeys, roleLabelKeys } from '../../access/roleLabels';
import { useCreateInviteMutation } from '../membersApi';
import type { EmailDelivery } from '../types';

const fields = ['email', 'role'] as const;
type Field = (typeof fields)[number];

interface InviteDialogProps {
  open: boolean;
  roles: Role[];
  onClose: () => void;
}

export const deliveryMessageKey = (delivery: EmailDelivery | undefined) =>
  delivery === 'failed' ? 'members.invite.emailFailed' : delivery === 'not_configured' ? 'members.invite.emailNotConfigured' : null;

/** Invite someone by email with a role; the link in the email is valid for 7 days. */
export function InviteDialog({ open, roles, onClose }: InviteDialogProps) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const toast = useToast();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [createInvite, { isLoading }] = useCreateInviteMutation();
  const defaultRole: Role = roles.includes('member') ? 'member' : (roles.at(-1) ?? 'viewer');
  const [values, setValues] = useState<{ email: string; role: Role }>({ email: '', role: defaultRole });
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setValues({ email: '', role: defaultRole });
    setErrors({});
    setFormError(null);
  }, [open, defaultRole, setErrors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const email = values.email.trim();
    const clientErrors: Partial<Record<Field, string>> = {};
    if (isBlank(email)) clientErrors.email = t('validation.required', { field: t('auth.email') });
    else if (!isEmail(email)) clientErrors.email = t('validation.email');
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstError(formRef.current, fields, clientErrors);

    const result = await createInvite({ email, role: values.role });
    if ('data' in result && result.data) {
      const warning = deliveryMessageKey(result.data.emailDelivery);
      toast(warning ? { severity: 'warning', message: t(warning, { email }) } : { message: t('members.invite.sent', { email }) });
      onClose();
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(fields, problem.fieldErrors);
    if (problem.status === 409 && !serverErrors.email) serverErrors.email = problem.detail ?? t('members.invite.duplicate');
    if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      focusFirstError(formRef.current, fields, serverErrors);
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  return (
    <Dialog open={open} onClose={isLoading ? undefined : onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('members.invite.title')}</DialogTitle>
        <DialogContent>
          <Stack sx={{ gap: 2, pt: 1 }}>
            {formError && (
              <Alert severity="error" role="alert">
                {formError}
              </Alert>
            )}
            <TextField
              name="email"
              label={t('auth.email')}
              type="email"
              autoComplete="off"
              autoFocus
              required
              value={values.email}
              onChange={(event) => {
                setValues((v) => ({ ...v, email: event.target.value }));
                clearField('email');
              }}
              error={Boolean(errors.email)}
              helperText={errors.email ?? t('members.invite.emailHelp')}
            />
            <TextField
              select
              name="role"
              label={t('members.role')}
              value={values.role}
              onChange={(event) => {
                setValues((v) => ({ ...v, role: event.target.value as Role }));
                clearField('role');
              }}
              error={Boolean(errors.role)}
              helperText={errors.role ?? t(roleDescriptionKeys[values.role])}
            >
              {roles.map((role) => (
                <MenuItem key={role} value={role}>
                  {t(roleLabelKeys[role])}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button onClick={onClose} disabled={isLoading} color="inherit">
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={isLoading}>
            {t('members.invite.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
