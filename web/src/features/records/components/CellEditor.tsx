import { useState, type KeyboardEvent } from 'react';
import InputBase from '@mui/material/InputBase';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { useT } from '../../../app/i18n';
import type { ColumnDef } from '../columns';
import { useListPipelinesQuery } from '../pipelinesApi';
import type { Member } from '../../members/types';

interface CellEditorProps {
  column: ColumnDef;
  value: unknown;
  /** Deals: the stages of this pipeline are offered. */
  pipelineId?: string;
  members: Member[];
  label: string;
  onCommit: (value: unknown) => void;
  onCancel: () => void;
}

const toText = (value: unknown) => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value));

/** Turns what was typed into the API's value: numbers as numbers, lists split on commas, blank = null. */
export function parseEdited(column: ColumnDef, text: string): unknown {
  const trimmed = text.trim();
  if (column.kind === 'tags' || column.kind === 'multiSelect') {
    return trimmed
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (trimmed === '') return null;
  if (column.kind === 'number') return Number(trimmed);
  if (column.kind === 'money') return trimmed.replace(/[^\d.-]/g, '');
  return trimmed;
}

/** The in-cell editor: Enter or leaving the cell saves, Escape cancels. */
export function CellEditor({ column, value, pipelineId, members, label, onCommit, onCancel }: CellEditorProps) {
  const t = useT();
  const [text, setText] = useState(toText(value));
  const { data: pipelines } = useListPipelinesQuery(undefined, { skip: column.kind !== 'stage' });

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') onCancel();
    if (event.key === 'Enter') {
      event.preventDefault();
      onCommit(parseEdited(column, text));
    }
  };

  const choices: Array<{ value: string; label: string }> | null =
    column.kind === 'select' || column.kind === 'boolean'
      ? column.kind === 'boolean'
        ? [
            { value: 'true', label: t('records.yes') },
            { value: 'false', label: t('records.no') },
          ]
        : (column.options ?? []).map((o) => ({ value: o.value, label: o.labelKey ? t(o.labelKey) : (o.label ?? o.value) }))
      : column.kind === 'user'
        ? members.map((m) => ({ value: m.userId, label: m.name || m.email }))
        : column.kind === 'stage'
          ? (pipelines?.data.find((p) => p.id === pipelineId)?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))
          : null;

  if (choices) {
    return (
      <Select
        size="small"
        autoFocus
        defaultOpen
        fullWidth
        value={toText(value)}
        inputProps={{ 'aria-label': label }}
        onChange={(event) => {
          const picked = event.target.value;
          onCommit(column.kind === 'boolean' ? picked === 'true' : picked === '' ? null : picked);
        }}
        onClose={() => onCancel()}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') onCancel();
        }}
        sx={{ fontSize: 'inherit', '& .MuiSelect-select': { py: 0.5 } }}
      >
        {column.kind !== 'stage' && column.kind !== 'boolean' && (
          <MenuItem value="">
            <em>{t('records.clear')}</em>
          </MenuItem>
        )}
        {choices.map((choice) => (
          <MenuItem key={choice.value} value={choice.value}>
            {choice.label}
          </MenuItem>
        ))}
      </Select>
    );
  }

  const type =
    column.kind === 'date' ? 'date' : column.kind === 'datetime' ? 'datetime-local' : column.kind === 'number' ? 'number' : 'text';
  return (
    <InputBase
      autoFocus
      fullWidth
      value={type === 'datetime-local' ? text.slice(0, 16) : text}
      type={type}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => onCommit(parseEdited(column, type === 'datetime-local' && text ? new Date(text).toISOString() : text))}
      inputProps={{ 'aria-label': label }}
      sx={{ fontSize: 'inherit', px: 0.5, border: 1, borderColor: 'primary.main', borderRadius: 1, bgcolor: 'background.paper' }}
    />
  );
}
