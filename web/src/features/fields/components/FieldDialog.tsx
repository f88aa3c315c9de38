import { useEffect, useId, useState, type FormEvent } from 'react';
import Add from '@mui/icons-material/Add';
import Close from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useToast } from '../../../common/toast/useToast';
import type { FieldDefinition, FieldOption, FieldType, RecordObject } from '../../records/types';
import { useCreateFieldMutation, useUpdateFieldMutation } from '../fieldsApi';
import { fieldTypes, keyFromLabel, validateField } from '../fieldRules';

interface FieldDialogProps {
  object: RecordObject;
  /** Editing this field; absent = creating one. */
  field: FieldDefinition | null;
  open: boolean;
  onClose: () => void;
}

/** Create a custom field (type + options for select types) or edit its label, options and "required". */
export function FieldDialog({ object, field, open, onClose }: FieldDialogProps) {
  const t = useT();
  const toast = useToast();
  const titleId = useId();
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [type, setType] = useState<FieldType>('text');
  const [options, setOptions] = useState<FieldOption[]>([]);
  const [required, setRequired] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createField, creating] = useCreateFieldMutation();
  const [updateField, updating] = useUpdateFieldMutation();

  useEffect(() => {
    if (!open) return;
    setLabel(field?.label ?? '');
    setKey(field?.key ?? '');
    setKeyTouched(Boolean(field));
    setType(field?.type ?? 'text');
    setOptions(field?.options ?? []);
    setRequired(field?.required ?? false);
    setErrors({});
    setFormError(null);
  }, [open, field]);

  const hasOptions = type === 'select' || type === 'multiSelect';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateField({ label, key, type, options }, t);
    setErrors(found);
    if (Object.keys(found).length) return;
    const cleanOptions = hasOptions
      ? options.map((o) => ({ ...o, label: o.label.trim(), value: o.value || keyFromLabel(o.label) }))
      : undefined;
    const result = field
      ? await updateField({
          id: field.id,
          object,
          changes: { label: label.trim(), required, ...(cleanOptions && { options: cleanOptions }) },
        })
      : await createField({ object, key, label: label.trim(), type, required, ...(cleanOptions && { options: cleanOptions }) });
    if ('data' in result) {
      toast({ message: t(field ? 'fields.updated' : 'fields.created', { label: label.trim() }) });
      onClose();
      return;
    }
    const info = describeApiError(result.error);
    if (Object.keys(info.fieldErrors).length) setErrors(info.fieldErrors);
    else setFormError(info.status === 409 ? t('fields.keyTaken') : (info.detail ?? t('common.error.unexpected')));
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{field ? t('fields.editTitle', { label: field.label }) : t('fields.createTitle')}</DialogTitle>
        <DialogContent>
          {formError && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {formError}
            </Alert>
          )}
          <Stack sx={{ gap: 1, pt: 1 }}>
            <TextField
              name="label"
              label={t('fields.label')}
              value={label}
              autoFocus
              onChange={(e) => {
                setLabel(e.target.value);
                if (!keyTouched) setKey(keyFromLabel(e.target.value));
              }}
              error={Boolean(errors.label)}
              helperText={errors.label ?? ' '}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
            <TextField
              name="key"
              label={t('fields.key')}
              value={key}
              disabled={Boolean(field)}
              onChange={(e) => {
                setKey(e.target.value);
                setKeyTouched(true);
              }}
              error={Boolean(errors.key)}
              helperText={errors.key ?? t(field ? 'fields.keyFixed' : 'fields.keyHelp')}
            />
            <TextField
              name="type"
              select
              label={t('fields.type')}
              value={type}
              disabled={Boolean(field)}
              onChange={(e) => setType(e.target.value as FieldType)}
              helperText={field ? t('fields.typeFixed') : ' '}
            >
              {fieldTypes.map((ft) => (
                <MenuItem key={ft} value={ft}>
                  {t(`fields.type.${ft}` as MessageKey)}
                </MenuItem>
              ))}
            </TextField>
            {hasOptions && (
              <Stack sx={{ gap: 1 }} component="fieldset" aria-describedby={errors.options ? `${titleId}-options` : undefined}>
                <Typography component="legend" variant="subtitle2">
                  {t('fields.options')}
                </Typography>
                {options.map((option, index) => (
                  <Stack key={index} direction="row" sx={{ gap: 1, alignItems: 'center' }}>
                    <TextField
                      size="small"
                      fullWidth
                      label={t('fields.optionLabel', { n: index + 1 })}
                      value={option.label}
                      onChange={(e) => setOptions((list) => list.map((o, i) => (i === index ? { ...o, label: e.target.value } : o)))}
                    />
                    <IconButton
                      onClick={() => setOptions((list) => list.filter((_, i) => i !== index))}
                      aria-label={t('fields.removeOption', { label: option.label || String(index + 1) })}
                    >
                      <Close />
                    </IconButton>
                  </Stack>
                ))}
                {errors.options && (
                  <Typography id={`${titleId}-options`} color="error" variant="body2" role="alert">
                    {errors.options}
                  </Typography>
                )}
                <div>
                  <Button size="small" startIcon={<Add />} onClick={() => setOptions((list) => [...list, { value: '', label: '' }])}>
                    {t('fields.addOption')}
                  </Button>
                </div>
              </Stack>
            )}
            <FormControlLabel
              control={<Checkbox checked={required} onChange={(e) => setRequired(e.target.checked)} />}
              label={t('fields.required')}
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button color="inherit" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={creating.isLoading || updating.isLoading}>
            {field ? t('fields.save') : t('fields.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
