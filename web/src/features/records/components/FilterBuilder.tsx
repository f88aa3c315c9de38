import { useEffect, useId, useState } from 'react';
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT, type MessageKey } from '../../../app/i18n';
import { opsFor, type ColumnDef } from '../columns';
import {
  fromApiFilter,
  isGroup,
  noValueOps,
  toApiFilter,
  type DraftCondition,
  type DraftFilter,
  type Mode,
  type ValueKind,
} from '../filters';
import type { FilterGroup } from '../types';
import type { Member } from '../../members/types';
import { useListPipelinesQuery } from '../pipelinesApi';

interface FilterBuilderProps {
  open: boolean;
  filter: FilterGroup | null;
  columns: ColumnDef[];
  columnLabel: (column: ColumnDef) => string;
  members: Member[];
  onApply: (filter: FilterGroup | null) => void;
  onClose: () => void;
}

export const valueKindOf =
  (columns: ColumnDef[]) =>
  (field: string): ValueKind => {
    const kind = columns.find((c) => c.filterKey === field)?.kind;
    if (kind === 'number' || kind === 'money') return 'number';
    if (kind === 'boolean') return 'boolean';
    return 'text';
  };

function ModeToggle({ mode, onChange, label }: { mode: Mode; onChange: (mode: Mode) => void; label: string }) {
  const t = useT();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={mode}
      onChange={(_e, value: Mode | null) => value && onChange(value)}
      aria-label={label}
    >
      <ToggleButton value="and">{t('records.filter.all')}</ToggleButton>
      <ToggleButton value="or">{t('records.filter.any')}</ToggleButton>
    </ToggleButtonGroup>
  );
}

interface ConditionRowProps {
  condition: DraftCondition;
  columns: ColumnDef[];
  columnLabel: (column: ColumnDef) => string;
  members: Member[];
  onChange: (condition: DraftCondition) => void;
  onRemove: () => void;
}

function ConditionRow({ condition, columns, columnLabel, members, onChange, onRemove }: ConditionRowProps) {
  const t = useT();
  const column = columns.find((c) => c.filterKey === condition.field);
  const { data: pipelines } = useListPipelinesQuery(undefined, { skip: column?.kind !== 'stage' });
  const ops = column ? opsFor(column.kind) : [];
  const choices: Array<{ value: string; label: string }> | null =
    column?.kind === 'select'
      ? (column.options ?? []).map((o) => ({ value: o.value, label: o.labelKey ? t(o.labelKey) : (o.label ?? o.value) }))
      : column?.kind === 'user'
        ? members.map((m) => ({ value: m.userId, label: m.name || m.email }))
        : column?.kind === 'stage'
          ? (pipelines?.data ?? []).flatMap((p) =>
              p.stages.map((s) => ({ value: s.id, label: pipelines!.data.length > 1 ? `${p.name}: ${s.name}` : s.name })),
            )
          : column?.kind === 'boolean'
            ? [
                { value: 'true', label: t('records.yes') },
                { value: 'false', label: t('records.no') },
              ]
            : null;
  const inputType =
    column?.kind === 'date' || column?.kind === 'datetime'
      ? 'date'
      : column?.kind === 'number' || column?.kind === 'money'
        ? 'number'
        : 'text';
  const valueLabel = t('records.filter.value');
  const single = Array.isArray(condition.value) ? (condition.value[0] ?? '') : condition.value;

  let valueInput = null;
  if (!noValueOps.includes(condition.op) && column) {
    if (condition.op === 'between') {
      const [from = '', to = ''] = Array.isArray(condition.value) ? condition.value : [condition.value, ''];
      valueInput = (
        <Stack direction="row" sx={{ gap: 1, flex: 1 }}>
          <TextField
            size="small"
            type={inputType}
            label={t('records.filter.from')}
            value={from}
            onChange={(e) => onChange({ ...condition, value: [e.target.value, to] })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            type={inputType}
            label={t('records.filter.to')}
            value={to}
            onChange={(e) => onChange({ ...condition, value: [from, e.target.value] })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
      );
    } else if (choices) {
      const multiple = condition.op === 'in';
      const value = multiple
        ? Array.isArray(condition.value)
          ? condition.value
          : condition.value
            ? condition.value.split(',')
            : []
        : single;
      valueInput = (
        <TextField
          select
          size="small"
          label={valueLabel}
          value={value}
          onChange={(e) => onChange({ ...condition, value: e.target.value as unknown as string | string[] })}
          slotProps={{ select: { multiple } }}
          sx={{ flex: 1, minWidth: 160 }}
        >
          {choices.map((choice) => (
            <MenuItem key={choice.value} value={choice.value}>
              {choice.label}
            </MenuItem>
          ))}
        </TextField>
      );
    } else {
      valueInput = (
        <TextField
          size="small"
          type={condition.op === 'in' ? 'text' : inputType}
          label={valueLabel}
          helperText={condition.op === 'in' ? t('records.filter.commaHelp') : undefined}
          value={single}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ flex: 1, minWidth: 160 }}
        />
      );
    }
  }

  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, alignItems: { sm: 'flex-start' } }} data-testid="filter-condition">
      <TextField
        select
        size="small"
        label={t('records.filter.field')}
        value={condition.field}
        onChange={(e) => {
          const next = columns.find((c) => c.filterKey === e.target.value);
          onChange({ field: e.target.value, op: next ? opsFor(next.kind)[0]! : 'eq', value: '' });
        }}
        sx={{ flex: { sm: '0 0 190px' } }}
      >
        {columns.map((c) => (
          <MenuItem key={c.filterKey} value={c.filterKey}>
            {columnLabel(c)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('records.filter.op')}
        value={ops.includes(condition.op) ? condition.op : ''}
        onChange={(e) => onChange({ ...condition, op: e.target.value as DraftCondition['op'], value: '' })}
        sx={{ flex: { sm: '0 0 160px' } }}
        disabled={!column}
      >
        {ops.map((op) => (
          <MenuItem key={op} value={op}>
            {t(`records.op.${op}` as MessageKey)}
          </MenuItem>
        ))}
      </TextField>
      {valueInput}
      <IconButton onClick={onRemove} aria-label={t('records.filter.remove')} sx={{ alignSelf: { xs: 'flex-end', sm: 'center' } }}>
        <DeleteOutline />
      </IconButton>
    </Stack>
  );
}

/** Builds the list's `filter` JSON: conditions (field → operator → value) in and/or groups. */
export function FilterBuilder({ open, filter, columns, columnLabel, members, onApply, onClose }: FilterBuilderProps) {
  const t = useT();
  const titleId = useId();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const filterable = columns.filter((c) => c.filterKey);
  const [draft, setDraft] = useState<DraftFilter>(() => fromApiFilter(filter));

  useEffect(() => {
    if (open) setDraft(fromApiFilter(filter));
  }, [open, filter]);

  const first = filterable[0];
  const blank = (): DraftCondition => ({ field: first?.filterKey ?? '', op: first ? opsFor(first.kind)[0]! : 'eq', value: '' });
  const setItem = (index: number, item: DraftFilter['items'][number] | null) =>
    setDraft((d) => ({ ...d, items: item ? d.items.map((it, i) => (i === index ? item : it)) : d.items.filter((_, i) => i !== index) }));

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md" fullScreen={fullScreen}>
      <DialogTitle id={titleId}>{t('records.filter.title')}</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2, pt: 1 }}>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography>{t('records.filter.match')}</Typography>
            <ModeToggle mode={draft.mode} onChange={(mode) => setDraft((d) => ({ ...d, mode }))} label={t('records.filter.matchLabel')} />
          </Stack>
          {draft.items.length === 0 && <Typography color="text.secondary">{t('records.filter.none')}</Typography>}
          {draft.items.map((item, index) =>
            isGroup(item) ? (
              <Paper
                key={index}
                variant="outlined"
                sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
                data-testid="filter-group"
              >
                <Stack direction="row" sx={{ alignItems: 'center', gap: 1, justifyContent: 'space-between', flexWrap: 'wrap' }}>
                  <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
                    <Typography variant="body2">{t('records.filter.groupMatch')}</Typography>
                    <ModeToggle
                      mode={item.mode}
                      onChange={(mode) => setItem(index, { ...item, mode })}
                      label={t('records.filter.groupMatchLabel')}
                    />
                  </Stack>
                  <Button size="small" color="inherit" onClick={() => setItem(index, null)}>
                    {t('records.filter.removeGroup')}
                  </Button>
                </Stack>
                {item.conditions.map((condition, ci) => (
                  <ConditionRow
                    key={ci}
                    condition={condition}
                    columns={filterable}
                    columnLabel={columnLabel}
                    members={members}
                    onChange={(next) => setItem(index, { ...item, conditions: item.conditions.map((c, i) => (i === ci ? next : c)) })}
                    onRemove={() => {
                      const conditions = item.conditions.filter((_, i) => i !== ci);
                      setItem(index, conditions.length ? { ...item, conditions } : null);
                    }}
                  />
                ))}
                <Box>
                  <Button
                    size="small"
                    startIcon={<Add />}
                    onClick={() => setItem(index, { ...item, conditions: [...item.conditions, blank()] })}
                  >
                    {t('records.filter.addCondition')}
                  </Button>
                </Box>
              </Paper>
            ) : (
              <ConditionRow
                key={index}
                condition={item}
                columns={filterable}
                columnLabel={columnLabel}
                members={members}
                onChange={(next) => setItem(index, next)}
                onRemove={() => setItem(index, null)}
              />
            ),
          )}
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
            <Button startIcon={<Add />} onClick={() => setDraft((d) => ({ ...d, items: [...d.items, blank()] }))}>
              {t('records.filter.addCondition')}
            </Button>
            <Button
              startIcon={<Add />}
              onClick={() => setDraft((d) => ({ ...d, items: [...d.items, { mode: 'or', conditions: [blank()] }] }))}
            >
              {t('records.filter.addGroup')}
            </Button>
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2.5 }}>
        <Button color="inherit" onClick={() => onApply(null)}>
          {t('records.filter.clear')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <Button color="inherit" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => onApply(toApiFilter(draft, valueKindOf(filterable)))}>
          {t('records.filter.apply')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
