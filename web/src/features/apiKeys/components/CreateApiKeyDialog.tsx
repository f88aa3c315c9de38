import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { CopyButton } from '../../../common/components/CopyButton';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { isBlank } from '../../../common/forms/validators';
import { useToast } from '../../../common/toast/useToast';
import type { Role } from '../../access/permissions';
import { roleDescriptionKeys, roleLabelKeys } from '../../access/roleLabels';
import { useCreateApiKeyMutation, type CreatedApiKey } from '../apiKeysApi';
import { EXPIRY_CHOICES, expiresAtFor, type ExpiryChoice } from '../expiry';

const fields = ['name', 'role', 'expiresAt'] as const;
type Field = (typeof fields)[number];

const expiryLabels: Record<ExpiryChoice, MessageKey> = {
  '30': 'apiKeys.expiry.30',
  '90': 'apiKeys.expiry.90',
  '365': 'apiKeys.expiry.365',
  never: 'apiKeys.expiry.never',
  custom: 'apiKeys.expiry.custom',
};

interface CreateApiKeyDialogProps {
  open: boolean;
  roles: Role[];
  onClose: () => void;
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** Name, role and expiry; then the secret, shown this one time only. */
export function CreateApiKeyDialog({ open, roles, onClose }: CreateApiKeyDialogProps) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const toast = useToast();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [create, { isLoading }] = useCreateApiKeyMutation();
  const defaultRole: Role = roles.includes('member') ? 'member' : (roles.at(-1) ?? 'viewer');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(defaultRole);
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const [customDate, setCustomDate] = useState('');
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  useEffect(() => {
    if (!open) return;
    setName('');
    setRole(defaultRole);
    setExpiry('90');
    setCustomDate('');
    setErrors({});
    setFormError(null);
    setCreated(null);
  }, [open, defaultRole, setErrors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (created) return onClose();
    setFormError(null);
    const expiresAt = expiresAtFor(expiry, customDate);
    const clientErrors: Partial<Record<Field, string>> = {};
    if (isBlank(name)) clientErrors.name = t('validation.required', { field: t('apiKeys.name') });
    else if (name.trim().length > 100) clientErrors.name = t('validation.tooLong', { max: 100 });
    if (expiresAt === null) clientErrors.expiresAt = t('apiKeys.expiry.invalid');
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstError(formRef.current, fields, clientErrors);

    const result = await create({ name: name.trim(), role, ...(expiresAt && { expiresAt }) });
    if ('data' in result && result.data) {
      setCreated(result.data);
      toast({ message: t('apiKeys.created', { name: result.data.name }) });
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(fields, problem.fieldErrors);
    if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      focusFirstError(formRef.current, fields, serverErrors);
    } else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const origin = globalThis.location?.origin ?? '';

  return (
    <Dialog
      open={open}
      onClose={isLoading || created ? undefined : onClose}
      fullScreen={fullScreen}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{created ? t('apiKeys.secretTitle') : t('apiKeys.createTitle')}</DialogTitle>
        <DialogContent>
          {created ? (
            <Stack sx={{ gap: 2 }}>
              <Alert severity="warning">{t('apiKeys.secretOnce')}</Alert>
              <Box
                component="code"
                data-testid="api-key-secret"
                sx={{
                  ...mono,
                  display: 'block',
                  p: 1.5,
                  borderRadius: 2,
                  bgcolor: 'action.hover',
                  overflowWrap: 'anywhere',
                  fontSize: '0.9rem',
                }}
              >
                {created.key}
              </Box>
              <div>
                <CopyButton text={created.key} label={t('apiKeys.copySecret')} />
              </div>
              <Typography variant="body2" color="text.secondary">
                {t('apiKeys.usage')}
              </Typography>
              <Box
                component="pre"
                sx={{ ...mono, m: 0, p: 1.5, borderRadius: 2, bgcolor: 'action.hover', overflowX: 'auto', fontSize: '0.8rem' }}
                tabIndex={0}
              >
                {`curl -H "Authorization: Bearer <key>" ${origin}/api/v1/contacts`}
              </Box>
            </Stack>
          ) : (
            <Stack sx={{ gap: 2, pt: 1 }}>
              {formError && (
                <Alert severity="error" role="alert">
                  {formError}
                </Alert>
              )}
              <TextField
                name="name"
                label={t('apiKeys.name')}
                autoFocus
                required
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                  clearField('name');
                }}
                error={Boolean(errors.name)}
                helperText={errors.name ?? t('apiKeys.nameHelp')}
                slotProps={{ htmlInput: { maxLength: 100, autoComplete: 'off' } }}
              />
              <TextField
                select
                name="role"
                label={t('members.role')}
                value={role}
                onChange={(event) => {
                  setRole(event.target.value as Role);
                  clearField('role');
                }}
                error={Boolean(errors.role)}
                helperText={errors.role ?? t(roleDescriptionKeys[role])}
              >
                {roles.map((r) => (
                  <MenuItem key={r} value={r}>
                    {t(roleLabelKeys[r])}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                name="expiry"
                label={t('apiKeys.expires')}
                value={expiry}
                onChange={(event) => {
                  setExpiry(event.target.value as ExpiryChoice);
                  clearField('expiresAt');
                }}
                error={Boolean(errors.expiresAt) && expiry !== 'custom'}
                helperText={(expiry !== 'custom' && errors.expiresAt) || (expiry === 'never' ? t('apiKeys.expiry.neverHelp') : ' ')}
              >
                {EXPIRY_CHOICES.map((choice) => (
                  <MenuItem key={choice} value={choice}>
                    {t(expiryLabels[choice])}
                  </MenuItem>
                ))}
              </TextField>
              {expiry === 'custom' && (
                <TextField
                  name="expiresAt"
                  type="date"
                  label={t('apiKeys.expiry.date')}
                  value={customDate}
                  onChange={(event) => {
                    setCustomDate(event.target.value);
                    clearField('expiresAt');
                  }}
                  error={Boolean(errors.expiresAt)}
                  helperText={errors.expiresAt ?? ' '}
                  slotProps={{ inputLabel: { shrink: true } }}
                />
              )}
            </Stack>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          {created ? (
            <Button type="submit" variant="contained">
              {t('common.done')}
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={isLoading} color="inherit">
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="contained" loading={isLoading}>
                {t('apiKeys.create')}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
