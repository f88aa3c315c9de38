import { useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useSignUpMutation } from '../authApi';
import { AuthLayout } from '../components/AuthLayout';
import { PasswordField } from '../components/PasswordField';
import type { SignUpRequest } from '../types';
import { minPasswordLength, signUpFields, validateSignUp } from '../validation';

type Field = keyof SignUpRequest;

export function SignUpPage() {
  const t = useT();
  useDocumentTitle(t('auth.signUp.title'));
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [signUp, { isLoading }] = useSignUpMutation();
  const [values, setValues] = useState<SignUpRequest>({ name: '', workspaceName: '', email: '', password: '' });
  const { errors, setErrors, clearField } = useFieldErrors<Field>();
  const [formError, setFormError] = useState<string | null>(null);

  const change = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearField(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const clientErrors = validateSignUp(values, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, signUpFields, clientErrors);
      return;
    }
    const result = await signUp({ ...values, email: values.email.trim(), name: values.name.trim() });
    if (!('error' in result)) {
      navigate('/', { replace: true });
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(signUpFields, problem.fieldErrors);
    if (problem.status === 409 && !serverErrors.email) serverErrors.email = t('auth.signUp.emailTaken');
    setErrors(serverErrors);
    if (Object.keys(serverErrors).length > 0) focusFirstError(formRef.current, signUpFields, serverErrors);
    else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  const fieldProps = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: change(field),
    error: Boolean(errors[field]),
    required: true,
  });

  return (
    <AuthLayout
      title={t('auth.signUp.title')}
      subtitle={t('auth.signUp.subtitle')}
      footer={
        <>
          {t('auth.signUp.haveAccount')}{' '}
          <Link component={RouterLink} to="/login">
            {t('auth.link.logIn')}
          </Link>
        </>
      }
    >
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('auth.signUp.title')}>
        <Stack sx={{ gap: 2 }}>
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          <TextField {...fieldProps('name')} label={t('auth.name')} autoComplete="name" autoFocus helperText={errors.name} />
          <TextField
            {...fieldProps('workspaceName')}
            label={t('auth.workspaceName')}
            autoComplete="organization"
            helperText={errors.workspaceName ?? t('auth.workspaceName.help')}
          />
          <TextField {...fieldProps('email')} label={t('auth.email')} type="email" autoComplete="email" helperText={errors.email} />
          <PasswordField
            {...fieldProps('password')}
            label={t('auth.password')}
            autoComplete="new-password"
            helperText={errors.password ?? t('auth.password.help', { min: minPasswordLength })}
          />
          <Button type="submit" variant="contained" size="large" loading={isLoading} fullWidth>
            {t('auth.signUp.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
