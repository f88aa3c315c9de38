import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { isBlank, isEmail, isInternationalPhone } from '../../../common/forms/validators';
import { useToast } from '../../../common/toast/useToast';
import { lifecycleStages, recordTitle } from '../columns';
import { useListPipelinesQuery } from '../pipelinesApi';
import { useCreateRecordMutation } from '../recordsApi';
import type { RecordObject } from '../types';
import { CompanyPicker, type CompanyChoice } from './CompanyPicker';

interface FieldSpec {
  name: string;
  labelKey: MessageKey;
  type?: string;
  half?: boolean;
  required?: boolean;
  help?: MessageKey;
  select?: 'lifecycle' | 'stage';
}

const forms: Record<RecordObject, FieldSpec[]> = {
  contacts: [
    { name: 'firstName', labelKey: 'records.field.firstName', half: true },
    { name: 'lastName', labelKey: 'records.field.lastName', half: true },
    { name: 'email', labelKey: 'records.field.email', type: 'email' },
    { name: 'phone', labelKey: 'records.field.phone', type: 'tel', half: true, help: 'contacts.form.phone.help' },
    { name: 'title', labelKey: 'records.field.title', half: true },
    { name: 'companyId', labelKey: 'records.field.company', half: true },
    { name: 'lifecycleStage', labelKey: 'records.field.lifecycleStage', half: true, select: 'lifecycle' },
  ],
  companies: [
    { name: 'name', labelKey: 'records.field.companyName', required: true },
    { name: 'domain', labelKey: 'records.field.domain', half: true, help: 'records.form.domainHelp' },
    { name: 'industry', labelKey: 'records.field.industry', half: true },
    { name: 'employees', labelKey: 'records.field.employees', type: 'number', half: true },
  ],
  deals: [
    { name: 'name', labelKey: 'records.field.dealName', required: true },
    { name: 'amount', labelKey: 'records.field.amount', type: 'number', half: true },
    { name: 'currency', labelKey: 'records.field.currency', half: true, help: 'records.form.currencyHelp' },
    { name: 'stageId', labelKey: 'records.field.stage', half: true, select: 'stage' },
    { name: 'expectedCloseDate', labelKey: 'records.field.expectedCloseDate', type: 'date', half: true },
    { name: 'companyId', labelKey: 'records.field.company' },
  ],
};

const titles: Record<RecordObject, MessageKey> = {
  contacts: 'contacts.form.title',
  companies: 'companies.form.title',
  deals: 'deals.form.title',
};
const created: Record<RecordObject, MessageKey> = {
  contacts: 'contacts.created',
  companies: 'companies.created',
  deals: 'deals.created',
};

interface CreateRecordDialogProps {
  object: RecordObject;
  open: boolean;
  onClose: () => void;
  /** Prefilled links, e.g. a deal created from a company's page. */
  initial?: { company?: CompanyChoice; contactIds?: string[] };
  /** Offer "View" in the confirmation toast (from pages other than the record's list). */
  offerView?: boolean;
}

/** Create a contact, company or deal: the essentials, checked before the round trip. */
export function CreateRecordDialog({ object, open, onClose, initial, offerView }: CreateRecordDialogProps) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const toast = useToast();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [create, { isLoading }] = useCreateRecordMutation();
  const { data: pipelines } = useListPipelinesQuery(undefined, { skip: object !== 'deals' || !open });
  const [values, setValues] = useState<Record<string, string>>({});
  const [company, setCompany] = useState<CompanyChoice | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const fields = forms[object];
  const pipeline = pipelines?.data.find((p) => p.isDefault) ?? pipelines?.data[0];

  useEffect(() => {
    if (!open) return;
    setValues({});
    setCompany(initial?.company ?? null);
    setErrors({});
    setFormError(null);
  }, [open, initial?.company]);

  const validate = () => {
    const found: Record<string, string> = {};
    for (const f of fields)
      if (f.required && isBlank(values[f.name] ?? '')) found[f.name] = t('validation.required', { field: t(f.labelKey) });
    if (object === 'contacts') {
      if (['firstName', 'lastName', 'email'].every((k) => isBlank(values[k] ?? ''))) found.firstName = t('contacts.form.needName');
      if (!isBlank(values.email ?? '') && !isEmail(values.email ?? '')) found.email = t('validation.email');
      if (!isBlank(values.phone ?? '') && !isInternationalPhone(values.phone ?? '')) found.phone = t('validation.phone');
    }
    if (object === 'deals' && values.currency && !/^[A-Za-z]{3}$/.test(values.currency.trim()))
      found.currency = t('records.form.currencyInvalid');
    return found;
  };

  const body = () => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.name === 'companyId') continue;
      const raw = (values[f.name] ?? '').trim();
      if (!raw) continue;
      out[f.name] = f.type === 'number' && f.name !== 'amount' ? Number(raw) : f.name === 'currency' ? raw.toUpperCase() : raw;
    }
    if (company) out.companyId = company.id;
    if (object === 'deals') {
      if (pipeline && out.stageId) out.pipelineId = pipeline.id;
      if (initial?.contactIds) out.contactIds = initial.contactIds;
    }
    return out;
  };

  const focusFirst = (found: Record<string, string>) => {
    const first = fields.find((f) => found[f.name]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first.name}"]`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found);
    const result = await create({ object, body: body() });
    if ('data' in result && result.data) {
      const record = result.data;
      toast({
        message: t(created[object], { name: recordTitle(object, record) }),
        action: offerView ? { label: t('contacts.created.view'), onClick: () => void navigate(`/${object}/${record.id}`) } : undefined,
      });
      onClose();
      return;
    }
    const problem = describeApiError(result.error);
    const server: Record<string, string> = {};
    for (const f of fields) if (problem.fieldErrors[f.name]) server[f.name] = problem.fieldErrors[f.name]!;
    if (problem.status === 409 && object === 'contacts' && !server.email) server.email = t('contacts.form.duplicateEmail');
    if (problem.status === 409 && object === 'companies' && !server.domain) server.domain = t('companies.form.duplicateDomain');
    setErrors(server);
    if (Object.keys(server).length) focusFirst(server);
    else setFormError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
  };

  return (
    <Dialog open={open} onClose={isLoading ? undefined : onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t(titles[object])}</DialogTitle>
        <DialogContent sx={{ pt: '8px !important' }}>
          {formError && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {formError}
            </Alert>
          )}
          <Grid container spacing={2}>
            {fields.map((f, index) => {
              const label = f.required ? t(f.labelKey) : `${t(f.labelKey)} (${t('common.optional')})`;
              if (f.name === 'companyId') {
                return (
                  <Grid key={f.name} size={{ xs: 12, sm: f.half ? 6 : 12 }}>
                    <CompanyPicker value={company} onChange={setCompany} label={label} error={errors.companyId} />
                  </Grid>
                );
              }
              const options =
                f.select === 'lifecycle'
                  ? lifecycleStages.map((v) => ({ value: v, label: t(`records.lifecycle.${v}` as MessageKey) }))
                  : f.select === 'stage'
                    ? (pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))
                    : null;
              return (
                <Grid key={f.name} size={{ xs: 12, sm: f.half ? 6 : 12 }}>
                  <TextField
                    name={f.name}
                    label={label}
                    select={Boolean(options)}
                    value={values[f.name] ?? ''}
                    onChange={(e) => {
                      setValues((v) => ({ ...v, [f.name]: e.target.value }));
                      setErrors((current) => {
                        const next = { ...current };
                        delete next[f.name];
                        return next;
                      });
                    }}
                    required={f.required}
                    type={options ? undefined : f.type}
                    autoFocus={index === 0}
                    error={Boolean(errors[f.name])}
                    helperText={errors[f.name] ?? (f.help ? t(f.help) : ' ')}
                    slotProps={{
                      formHelperText: { 'data-testid': `${f.name}-helper` } as object,
                      inputLabel: f.type === 'date' ? { shrink: true } : undefined,
                    }}
                  >
                    {options?.map((o) => (
                      <MenuItem key={o.value} value={o.value}>
                        {o.label}
                      </MenuItem>
                    ))}
                  </TextField>
                </Grid>
              );
            })}
          </Grid>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button onClick={onClose} disabled={isLoading} color="inherit">
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={isLoading}>
            {t(titles[object])}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
