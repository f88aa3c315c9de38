import type { MessageKey } from '../../app/i18n';
import type { FieldErrors } from '../../common/forms/useFieldErrors';
import { isBlank, isEmail, isInternationalPhone } from '../../common/forms/validators';
import type { CreateContactRequest } from './types';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export type ContactFormValues = Required<CreateContactRequest>;
export type ContactField = keyof ContactFormValues;

export const contactFields = ['firstName', 'lastName', 'email', 'phone', 'companyName'] as const;

export const contactFieldLabels: Record<ContactField, MessageKey> = {
  firstName: 'contacts.form.firstName',
  lastName: 'contacts.form.lastName',
  email: 'contacts.form.email',
  phone: 'contacts.form.phone',
  companyName: 'contacts.form.companyName',
};

export const emptyContactForm: ContactFormValues = { firstName: '', lastName: '', email: '', phone: '', companyName: '' };

export function validateContact(values: ContactFormValues, t: Translate): FieldErrors<ContactField> {
  const errors: FieldErrors<ContactField> = {};
  for (const field of ['firstName', 'lastName', 'email'] as const) {
    if (isBlank(values[field])) errors[field] = t('validation.required', { field: t(contactFieldLabels[field]) });
  }
  if (!errors.email && !isEmail(values.email)) errors.email = t('validation.email');
  if (!isBlank(values.phone) && !isInternationalPhone(values.phone)) errors.phone = t('validation.phone');
  return errors;
}

/** Trimmed body; optional fields left out when empty rather than sent as "". */
export function toCreateContactRequest(values: ContactFormValues): CreateContactRequest {
  const request: CreateContactRequest = {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: values.email.trim(),
  };
  if (values.phone.trim()) request.phone = values.phone.trim();
  if (values.companyName.trim()) request.companyName = values.companyName.trim();
  return request;
}
