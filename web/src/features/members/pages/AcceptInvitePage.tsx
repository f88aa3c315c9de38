import { useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useI18n } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { isBlank } from '../../../common/forms/validators';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useToast } from '../../../common/toast/useToast';
import { roleLabelKeys } from '../../access/roleLabels';
import { selectCurrentUser } from '../../auth/authSlice';
import { AuthLayout } from '../../auth/components/AuthLayout';
import { PasswordField } from '../../auth/components/PasswordField';
import { logOut } from '../../auth/logOut';
import { maxPasswordLength, minPasswordLength } from '../../auth/validation';
import { useAcceptInviteMutation, usePreviewInviteQuery } from '../membersApi';

const fields = ['name', 'password'] as const;
type Field = (typeof fields)[number];

/** Where an invite link lands: what it is for, then join as the signed-in account or a new one. */
export function AcceptInvitePage() {
  const { t, formatDate } = useI18n();
  useDocumentTitle(t('invite.accept.docTitle'));
  const { token = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const dispatch = useAppDispatch();
  const toast = useToast();
  const user = useAppSelector(selectCurrentUser);
  const formRef = useRef<HTMLFormElement>(null);
  const { data: invite, error, isLoading, isFetching, refetch } = usePreviewInviteQuery(token, { skip: !token });
  const [accept, { isLoading: accepting }] = useAcceptInviteMutation();
  const [values, setValues] = useState({ name: '', password: '' });
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);
  const [accountExists, setAccountExists] = useState(false);

  const logInToAccept = (
    <Link component={RouterLink} to="/login" state={{ from: location.pathname }}>
      {t('invite.accept.logIn')}
    </Link>
  );

  if (isLoading) {
    return (
      <AuthLayout title={t('invite.accept.loading')}>
        <Stack sx={{ gap: 1 }} aria-hidden>
          <Skeleton height={32} />
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      </AuthLayout>
    );
  }

  if (!invite) {
    const status = describeApiError(error).status;
    const unreachable = status === null || status >= 500;
    return (
      <AuthLayout
        title={unreachable ? t('common.error.title') : t('invite.accept.invalidTitle')}
        subtitle={unreachable ? t('common.error.network') : t('invite.accept.invalidBody')}
        footer={
          <Link component={RouterLink} to="/">
            {t('invite.accept.goHome')}
          </Link>
        }
      >
        {unreachable && (
          <Button variant="contained" fullWidth onClick={() => void refetch()} loading={isFetching}>
            {t('common.retry')}
          </Button>
        )}
      </AuthLayout>
    );
  }

  const workspace = invite.workspace.name;
  const role = t(roleLabelKeys[invite.role]);
  const inviter = invite.invitedBy?.name;
  const subtitle = inviter ? t('invite.accept.subtitleBy', { inviter, workspace, role }) : t('invite.accept.subtitle', { workspace, role });

  if (invite.expired) {
    return (
      <AuthLayout title={t('invite.accept.expiredTitle')} subtitle={t('invite.accept.expiredBody', { date: formatDate(invite.expiresAt) })}>
        <Button component={RouterLink} to="/" variant="outlined" fullWidth>
          {t('invite.accept.goHome')}
        </Button>
      </AuthLayout>
    );
  }

  const joined = () => {
    toast({ message: t('invite.accept.joined', { workspace }) });
    navigate('/', { replace: true });
  };

  const failed = (problemError: unknown) => {
    const problem = describeApiError(problemError);
    const serverErrors = pickFieldErrors(fields, problem.fieldErrors);
    if (problem.status === 409 && problem.fieldErrors.email) return setAccountExists(true);
    if (Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      return focusFirstError(formRef.current, fields, serverErrors);
    }
    if (problem.status === 404) return setFormError(t('invite.accept.invalidBody'));
    setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const acceptSignedIn = async () => {
    setFormError(null);
    const result = await accept({ token });
    if ('error' in result) failed(result.error);
    else joined();
  };

  const acceptNew = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const clientErrors: Partial<Record<Field, string>> = {};
    if (isBlank(values.name)) clientErrors.name = t('validation.required', { field: t('auth.name') });
    if (values.password.length < minPasswordLength) clientErrors.password = t('validation.passwordLength', { min: minPasswordLength });
    else if (values.password.length > maxPasswordLength) clientErrors.password = t('validation.tooLong', { max: maxPasswordLength });
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstError(formRef.current, fields, clientErrors);
    const result = await accept({ token, name: values.name.trim(), password: values.password });
    if ('error' in result) failed(result.error);
    else joined();
  };

  const errorAlert = formError && (
    <Alert severity="error" role="alert">
      {formError}
    </Alert>
  );

  if (user) {
    const sameAccount = user.email.toLowerCase() === invite.email.toLowerCase();
    return (
      <AuthLayout title={t('invite.accept.title', { workspace })} subtitle={subtitle}>
        <Stack sx={{ gap: 2 }}>
          {errorAlert}
          {sameAccount ? (
            <>
              <Typography>{t('invite.accept.signedInAs', { email: user.email })}</Typography>
              <Button variant="contained" size="large" fullWidth loading={accepting} onClick={() => void acceptSignedIn()}>
                {t('invite.accept.join', { workspace })}
              </Button>
            </>
          ) : (
            <>
              <Alert severity="warning">{t('invite.accept.otherAccount', { current: user.email, invited: invite.email })}</Alert>
              <Button variant="contained" fullWidth onClick={() => void dispatch(logOut())}>
                {t('invite.accept.switchAccount')}
              </Button>
            </>
          )}
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={t('invite.accept.title', { workspace })}
      subtitle={subtitle}
      footer={
        <>
          {t('invite.accept.haveAccount')} {logInToAccept}
        </>
      }
    >
      <form ref={formRef} onSubmit={acceptNew} noValidate aria-label={t('invite.accept.createAccount')}>
        <Stack sx={{ gap: 2 }}>
          {accountExists && (
            <Alert severity="info" role="alert">
              {t('invite.accept.accountExists')} {logInToAccept}
            </Alert>
          )}
          {errorAlert}
          <TextField
            label={t('auth.email')}
            value={invite.email}
            name="email"
            autoComplete="username"
            helperText={t('invite.accept.emailFixed')}
            slotProps={{ input: { readOnly: true } }}
          />
          <TextField
            name="name"
            label={t('auth.name')}
            autoComplete="name"
            autoFocus
            required
            value={values.name}
            onChange={(event) => {
              setValues((v) => ({ ...v, name: event.target.value }));
              clearField('name');
            }}
            error={Boolean(errors.name)}
            helperText={errors.name}
          />
          <PasswordField
            name="password"
            label={t('auth.password')}
            autoComplete="new-password"
            required
            value={values.password}
            onChange={(event) => {
              setValues((v) => ({ ...v, password: event.target.value }));
              clearField('password');
            }}
            error={Boolean(errors.password)}
            helperText={errors.password ?? t('auth.password.help', { min: minPasswordLength })}
          />
          <Button type="submit" variant="contained" size="large" loading={accepting} fullWidth>
            {t('invite.accept.createAndJoin')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
