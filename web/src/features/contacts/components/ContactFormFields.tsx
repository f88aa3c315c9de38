import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import { useT, type MessageKey } from '../../../app/i18n';
import type { FieldErrors } from '../../../common/forms/useFieldErrors';
import { contactFieldLabels, type ContactField, type ContactFormValues } from '../validation';

interface ContactFormFieldsProps {
  values: ContactFormValues;
  errors: FieldErrors<ContactField>;
  onChange: (field: ContactField, value: string) => void;
}

const layout: Array<{
  field: ContactField;
  required: boolean;
  autoComplete: string;
  type?: string;
  half: boolean;
  help?: MessageKey;
}> = [
  { field: 'firstName', required: true, autoComplete: 'off', half: true },
  { field: 'lastName', required: true, autoComplete: 'off', half: true },
  { field: 'email', required: true, autoComplete: 'off', type: 'email', half: false },
  { field: 'phone', required: false, autoComplete: 'off', type: 'tel', half: true, help: 'contacts.form.phone.help' },
  { field: 'companyName', required: false, autoComplete: 'off', half: true },
];

export function ContactFormFields({ values, errors, onChange }: ContactFormFieldsProps) {
  const t = useT();
  return (
    <Grid container spacing={2}>
      {layout.map(({ field, required, autoComplete, type, half, help }, index) => (
        <Grid key={field} size={{ xs: 12, sm: half ? 6 : 12 }}>
          <TextField
            name={field}
            label={required ? t(contactFieldLabels[field]) : `${t(contactFieldLabels[field])} (${t('common.optional')})`}
            value={values[field]}
            onChange={(event) => onChange(field, event.target.value)}
            required={required}
            type={type}
            autoComplete={autoComplete}
            autoFocus={index === 0}
            error={Boolean(errors[field])}
            helperText={errors[field] ?? (help ? t(help) : ' ')}
            slotProps={{ formHelperText: { 'data-testid': `${field}-helper` } as object }}
          />
        </Grid>
      ))}
    </Grid>
  );
}
