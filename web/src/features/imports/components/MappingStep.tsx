import { useCallback, useMemo } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT, type MessageKey } from '../../../app/i18n';
import { useListFieldsQuery } from '../../fields/fieldsApi';
import { DEDUPE_FIELD, DEDUPE_KEYS, IMPORT_TARGETS } from '../importTargets';
import { hasProblems, mappingProblems, samplesOf } from '../mapping';
import type { DedupeBy, ImportObject, ImportPreview, OnDuplicate } from '../types';
import { ColumnMappingRow } from './ColumnMappingRow';
import { MappedPreview } from './MappedPreview';

export interface ImportOptionsState {
  mapping: Record<string, string>;
  createFields: boolean;
  dedupeBy: DedupeBy;
  onDuplicate: OnDuplicate;
}

interface MappingStepProps {
  object: ImportObject;
  fileName: string;
  preview: ImportPreview;
  options: ImportOptionsState;
  onChange: (options: ImportOptionsState) => void;
  starting: boolean;
  /** Share of the file sent so far (0–1) while it uploads. */
  uploaded: number | null;
  startError: string | null;
  onBack: () => void;
  onStart: () => void;
}

const sourceNames = { hubspot: 'HubSpot', salesforce: 'Salesforce', pipedrive: 'Pipedrive' } as const;

/** Step 2: every CSV column → a field (or skipped), the mapped preview, and how duplicates are handled. */
export function MappingStep(props: MappingStepProps) {
  const { object, fileName, preview, options, onChange, starting, uploaded, startError, onBack, onStart } = props;
  const t = useT();
  const { data: fieldData } = useListFieldsQuery(object);
  const custom = useMemo(() => (fieldData?.data ?? []).map((f) => ({ key: f.key, label: f.label })), [fieldData]);
  const standard = IMPORT_TARGETS[object];
  const problems = mappingProblems(object, options.mapping);
  const blocked = hasProblems(problems);

  const labelOf = useCallback(
    (target: string) => {
      const std = standard.find((s) => s.key === target);
      if (std) return t(std.labelKey);
      const key = target.startsWith('custom.') ? target.slice('custom.'.length) : null;
      const existing = key ? custom.find((c) => c.key === key) : undefined;
      if (existing) return existing.label;
      const header = Object.keys(options.mapping).find((h) => options.mapping[h] === target);
      return key && header ? header : target;
    },
    [custom, options.mapping, standard, t],
  );

  const setMapping = useCallback(
    (header: string, value: string) => {
      const mapping = { ...options.mapping, [header]: value };
      // Choosing "create a custom field" only works if the import may create fields.
      const creates = value.startsWith('custom.') && !custom.some((c) => `custom.${c.key}` === value);
      onChange({ ...options, mapping, createFields: options.createFields || creates });
    },
    [custom, onChange, options],
  );

  const dedupeField = DEDUPE_FIELD[options.dedupeBy];
  const dedupeUnmapped = dedupeField !== null && !Object.values(options.mapping).includes(dedupeField);

  return (
    <Stack sx={{ gap: 3 }}>
      <div>
        <Typography variant="h3" component="h2">
          {t('imports.mapping.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          {t('imports.mapping.subtitle', { file: fileName, count: preview.headers.length })}
        </Typography>
      </div>
      {preview.source && <Alert severity="info">{t('imports.mapping.source', { source: sourceNames[preview.source] })}</Alert>}

      <Paper variant="outlined" sx={{ borderRadius: 3, px: 2, pb: 1 }} role="group" aria-label={t('imports.mapping.tableLabel')}>
        <Box
          aria-hidden
          sx={{
            display: { xs: 'none', sm: 'grid' },
            gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.2fr) minmax(220px, 1fr)',
            gap: 2,
            py: 1.5,
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          {(['imports.mapping.column', 'imports.mapping.samples', 'imports.mapping.field'] as MessageKey[]).map((key) => (
            <Typography key={key} variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
              {t(key)}
            </Typography>
          ))}
        </Box>
        {preview.headers.map((header, index) => {
          const value = options.mapping[header] ?? '';
          return (
            <ColumnMappingRow
              key={`${index}:${header}`}
              header={header}
              samples={samplesOf(preview.rows, index)}
              value={value}
              standard={standard}
              custom={custom}
              conflict={value !== '' && problems.duplicateTargets.includes(value)}
              onChange={setMapping}
            />
          );
        })}
      </Paper>

      <section aria-labelledby="mapped-preview-heading">
        <Typography id="mapped-preview-heading" variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
          {t('imports.mapping.preview')}
        </Typography>
        <MappedPreview headers={preview.headers} rows={preview.rows} mapping={options.mapping} labelOf={labelOf} />
      </section>

      <Paper variant="outlined" component="section" aria-labelledby="import-options-heading" sx={{ borderRadius: 3, p: 2.5 }}>
        <Typography id="import-options-heading" variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 2 }}>
          {t('imports.options.title')}
        </Typography>
        <Stack sx={{ gap: 2.5 }}>
          <TextField
            select
            label={t('imports.options.dedupeBy')}
            value={options.dedupeBy}
            onChange={(event) => onChange({ ...options, dedupeBy: event.target.value as DedupeBy })}
            helperText={dedupeUnmapped ? t('imports.options.dedupeUnmapped', { field: labelOf(dedupeField ?? '') }) : ' '}
            sx={{ maxWidth: 360 }}
          >
            {DEDUPE_KEYS[object].map((key) => (
              <MenuItem key={key} value={key}>
                {t(`imports.options.dedupe.${key}`)}
              </MenuItem>
            ))}
          </TextField>
          {options.dedupeBy !== 'none' && (
            <FormControl>
              <FormLabel id="on-duplicate-label">{t('imports.options.onDuplicate')}</FormLabel>
              <RadioGroup
                aria-labelledby="on-duplicate-label"
                value={options.onDuplicate}
                onChange={(event) => onChange({ ...options, onDuplicate: event.target.value as OnDuplicate })}
              >
                <FormControlLabel value="update" control={<Radio />} label={t('imports.options.update')} />
                <FormControlLabel value="skip" control={<Radio />} label={t('imports.options.skip')} />
              </RadioGroup>
            </FormControl>
          )}
          <FormControl>
            <FormControlLabel
              control={
                <Checkbox
                  checked={options.createFields}
                  onChange={(event) => onChange({ ...options, createFields: event.target.checked })}
                  slotProps={{ input: { 'aria-describedby': 'create-fields-help' } }}
                />
              }
              label={t('imports.options.createFields')}
            />
            <FormHelperText id="create-fields-help" sx={{ mt: 0 }}>
              {t('imports.options.createFields.help')}
            </FormHelperText>
          </FormControl>
        </Stack>
      </Paper>

      {blocked && (
        <Alert severity="warning" data-testid="mapping-problems">
          {problems.empty
            ? t('imports.mapping.nothing')
            : problems.duplicateTargets.length > 0
              ? t('imports.mapping.duplicateTarget', { fields: problems.duplicateTargets.map(labelOf).join(', ') })
              : t(`imports.mapping.missingRequired.${object}`)}
        </Alert>
      )}
      {uploaded !== null && (
        <Box role="status" aria-live="polite">
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {t('imports.uploading', { file: fileName, percent: Math.round(uploaded * 100) })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={uploaded * 100}
            aria-label={t('imports.uploadProgress')}
            sx={{ height: 8, borderRadius: 4 }}
          />
        </Box>
      )}
      {startError && (
        <Alert severity="error" role="alert">
          {t('imports.startFailed', { reason: startError })}
        </Alert>
      )}
      <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
        <Button onClick={onBack} disabled={starting}>
          {t('imports.back')}
        </Button>
        <Button variant="contained" onClick={onStart} disabled={blocked} loading={starting}>
          {t('imports.start')}
        </Button>
      </Stack>
    </Stack>
  );
}
