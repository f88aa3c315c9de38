import { useId, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { useListFieldsQuery } from '../../fields/fieldsApi';
import { compareRecords, defaultChoices, defaultPrimary, displayValue, recordTitle } from '../compareRecords';
import type { DuplicatePair } from '../types';
import type { AnyRecord } from '../../records/types';

interface MergeDialogProps {
  pair: DuplicatePair;
  canMerge: boolean;
  canDismiss: boolean;
  merging: boolean;
  error: string | null;
  ownerName: (userId: string | null | undefined) => string | null;
  onMerge: (primaryId: string, duplicateId: string, fieldChoices: Record<string, string>) => void;
  onDismiss: () => void;
  onClose: () => void;
}

const grid = { display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', sm: '160px 1fr 1fr' }, columnGap: 2, rowGap: 0.5 } as const;

/** Side by side: which record to keep, and per differing field which value survives the merge. */
export function MergeDialog({ pair, canMerge, canDismiss, merging, error, ownerName, onMerge, onDismiss, onClose }: MergeDialogProps) {
  const { t, formatDate } = useI18n();
  const titleId = useId();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const { data: fields } = useListFieldsQuery(pair.object);
  const customLabel = (key: string) => fields?.data.find((f) => f.key === key)?.label;
  const [a, b] = pair.records;
  const ids: [string, string] = [a.id, b.id];
  const comparisons = useMemo(() => compareRecords(pair.object, a, b), [pair.object, a, b]);
  const differing = comparisons.filter((c) => !c.same);
  const [primaryId, setPrimaryId] = useState(() => defaultPrimary(pair.object, a, b).id);
  const [choices, setChoices] = useState(() => defaultChoices(comparisons, ids, primaryId));
  const [confirming, setConfirming] = useState(false);
  const primary = primaryId === a.id ? a : b;
  const duplicate = primaryId === a.id ? b : a;

  const labelOf = (field: string) =>
    field.startsWith('custom.') ? (customLabel(field.slice('custom.'.length)) ?? field) : t(`duplicates.field.${field}` as MessageKey);
  const show = (record: AnyRecord, field: string, value: unknown) => {
    if (field === 'ownerId' && typeof value === 'string') return ownerName(value) ?? value;
    if (field === 'companyId') return displayValue(record.companyName) || displayValue(value);
    return displayValue(value);
  };

  const choosePrimary = (id: string) => {
    setPrimaryId(id);
    // Start from the new primary's values; the user then picks exceptions.
    setChoices(defaultChoices(comparisons, ids, id));
  };

  return (
    <Dialog open onClose={merging ? undefined : onClose} aria-labelledby={titleId} maxWidth="md" fullWidth fullScreen={fullScreen}>
      <DialogTitle id={titleId}>
        {t('duplicates.compare.title', { a: recordTitle(pair.object, a), b: recordTitle(pair.object, b) })}
      </DialogTitle>
      <DialogContent dividers>
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <RadioGroup
          value={primaryId}
          onChange={(event) => choosePrimary(event.target.value)}
          aria-label={t('duplicates.compare.primaryGroup')}
        >
          <Box sx={{ ...grid, alignItems: 'start', mb: 1 }}>
            <Box sx={{ display: { xs: 'none', sm: 'block' } }} />
            {pair.records.map((record) => (
              <Box
                key={record.id}
                sx={{ border: 1, borderColor: record.id === primaryId ? 'primary.main' : 'divider', borderRadius: 2, p: 1.5 }}
              >
                <Typography sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
                  {recordTitle(pair.object, record) || t('duplicates.unnamed')}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p">
                  {t('duplicates.compare.created', { date: formatDate(record.createdAt, { dateStyle: 'medium' }) })}
                </Typography>
                <FormControlLabel
                  value={record.id}
                  control={<Radio size="small" />}
                  label={t('duplicates.compare.primary')}
                  disabled={!canMerge}
                  slotProps={{ typography: { variant: 'body2' } }}
                />
              </Box>
            ))}
          </Box>
        </RadioGroup>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('duplicates.compare.primaryHelp')}
        </Typography>

        {differing.length === 0 && <Alert severity="info">{t('duplicates.compare.noDifferences')}</Alert>}
        {differing.map(({ field, values }) => (
          <RadioGroup
            key={field}
            value={choices[field] ?? primaryId}
            onChange={(event) => setChoices((prev) => ({ ...prev, [field]: event.target.value }))}
            aria-label={t('duplicates.compare.chooseValue', { field: labelOf(field) })}
            data-testid="merge-field"
            data-field={field}
          >
            <Box sx={{ ...grid, alignItems: 'center', py: 1, borderTop: 1, borderColor: 'divider' }}>
              <Typography variant="body2" sx={{ fontWeight: 600, gridColumn: { xs: '1 / -1', sm: 'auto' } }}>
                {labelOf(field)}
              </Typography>
              {pair.records.map((record, index) => {
                const text = show(record, field, values[index]);
                return (
                  <FormControlLabel
                    key={record.id}
                    value={record.id}
                    disabled={!canMerge}
                    control={<Radio size="small" />}
                    label={text || t('duplicates.compare.empty')}
                    slotProps={{
                      typography: { variant: 'body2', sx: { overflowWrap: 'anywhere', fontStyle: text ? 'normal' : 'italic' } },
                    }}
                    sx={{ mr: 0, minWidth: 0 }}
                  />
                );
              })}
            </Box>
          </RadioGroup>
        ))}
        {comparisons.length > differing.length && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            {t('duplicates.compare.same', { count: comparisons.length - differing.length })}{' '}
            {comparisons
              .filter((c) => c.same)
              .map((c) => labelOf(c.field))
              .join(', ')}
          </Typography>
        )}
        {!canMerge && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t(canDismiss ? 'duplicates.dismissOnly' : 'duplicates.readOnly')}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 2, flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onClose} color="inherit" disabled={merging}>
          {t('common.cancel')}
        </Button>
        {canDismiss && (
          <Button onClick={onDismiss} disabled={merging}>
            {t('duplicates.notDuplicate')}
          </Button>
        )}
        {canMerge && (
          <Button variant="contained" onClick={() => setConfirming(true)} loading={merging}>
            {t('duplicates.merge')}
          </Button>
        )}
      </DialogActions>
      <ConfirmDialog
        open={confirming}
        title={t('duplicates.confirm.title')}
        description={t('duplicates.confirm.body', {
          duplicate: recordTitle(pair.object, duplicate) || t('duplicates.unnamed'),
          primary: recordTitle(pair.object, primary) || t('duplicates.unnamed'),
        })}
        confirmLabel={t('duplicates.merge')}
        destructive
        busy={merging}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onMerge(primaryId, duplicate.id, choices);
        }}
      />
    </Dialog>
  );
}
