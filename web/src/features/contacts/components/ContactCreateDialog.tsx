import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { focusFirstError, pickFieldErrors, useFieldErrors } from '../../../common/forms/useFieldErrors';
import { useToast } from '../../../common/toast/useToast';
import { useCreateContactMutation } from '../contactsApi';
import {
  contactFields,
  emptyContactForm,
  toCreateContactRequest,
  validateContact,
  type ContactField,
  type ContactFormValues,
} from '../validation';
import { ContactFormFields } from './ContactFormFields';

interface ContactCreateDialogProps {
  open: boolean;
  onClose: () => void;
  /** Offer a "View" link to the contacts list in the confirmation toast. */
  offerViewInList?: boolean;
}

export function ContactCreateDialog({ open, onClose, offerViewInList = false }: ContactCreateDialogProps) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const toast = useToast();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [createContact, { isLoading }] = useCreateContactMutation();
  const [values, setValues] = useState<ContactFormValues>(emptyContactForm);
  const { errors, setErrors, clearField } = useFieldErrors<ContactField>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setValues(emptyContactForm);
    setErrors({});
    setFormError(null);
  }, [open, setErrors]);

  const change = (field: ContactField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const clientErrors = validateContact(values, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(formRef.current, contactFields, clientErrors);
      return;
    }
    const result = await createContact(toCreateContactRequest(values));
    if ('data' in result && result.data) {
      const name = `${result.data.firstName} ${result.data.lastName}`.trim();
      toast({
        message: t('contacts.created', { name }),
        action: offerViewInList ? { label: t('contacts.created.view'), onClick: () => navigate('/contacts') } : undefined,
      });
      onClose();
      return;
    }
    const problem = describeApiError(result.error);
    const serverErrors = pickFieldErrors(contactFields, problem.fieldErrors);
    if (problem.status === 409 && !serverErrors.email) serverErrors.email = t('contacts.form.duplicateEmail');
    setErrors(serverErrors);
    if (Object.keys(serverErrors).length > 0) focusFirstError(formRef.current, contactFields, serverErrors);
    else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  return (
    <Dialog open={open} onClose={isLoading ? undefined : onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('contacts.form.title')}</DialogTitle>
        <DialogContent sx={{ pt: '8px !important' }}>
          {formError && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {formError}
            </Alert>
          )}
          <ContactFormFields values={values} errors={errors} onChange={change} />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button onClick={onClose} disabled={isLoading} color="inherit">
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={isLoading}>
            {t('contacts.form.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
