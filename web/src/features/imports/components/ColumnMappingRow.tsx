import { memo } from 'react';
import Box from '@mui/material/Box';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import type { ImportTarget } from '../importTargets';
import { customKeyFor, SKIP } from '../mapping';

export interface CustomFieldOption {
  key: string;
  label: string;
}

interface ColumnMappingRowProps {
  header: string;
  samples: string[];
  value: string;
  standard: ImportTarget[];
  custom: CustomFieldOption[];
  /** Marks the select when this column's field is also chosen for another column. */
  conflict: boolean;
  onChange: (header: string, value: string) => void;
}

/** One CSV column: its header and sample values, and the field it becomes. */
export const ColumnMappingRow = memo(function ColumnMappingRow(props: ColumnMappingRowProps) {
  const { header, samples, value, standard, custom, conflict, onChange } = props;
  const t = useT();
  const newKey = `custom.${customKeyFor(header)}`;
  const known = new Set([SKIP, ...standard.map((s) => s.key), ...custom.map((c) => `custom.${c.key}`), newKey]);
  // A suggestion outside the lists (e.g. companyId) stays selectable under its own key.
  const extra = known.has(value) ? null : value;

  return (
    <Box
      data-testid="mapping-row"
      data-header={header}
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'minmax(0, 1fr) minmax(0, 1.2fr) minmax(220px, 1fr)' },
        gap: { xs: 1, sm: 2 },
        alignItems: 'center',
        py: 1.5,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{header}</Typography>
      <Typography variant="body2" color="text.secondary" noWrap title={samples.join(', ')}>
        {samples.length > 0 ? samples.join(', ') : <em>{t('imports.mapping.noSamples')}</em>}
      </Typography>
      <TextField
        select
        size="small"
        value={value}
        error={conflict}
        onChange={(event) => onChange(header, event.target.value)}
        slotProps={{ select: { displayEmpty: true }, htmlInput: { 'aria-label': t('imports.mapping.fieldFor', { column: header }) } }}
        sx={{ minWidth: 0 }}
      >
        <MenuItem value={SKIP}>
          <em>{t('imports.mapping.skip')}</em>
        </MenuItem>
        {extra && <MenuItem value={extra}>{extra}</MenuItem>}
        <ListSubheader>{t('imports.mapping.group.standard')}</ListSubheader>
        {standard.map((target) => (
          <MenuItem key={target.key} value={target.key}>
            {t(target.labelKey)}
          </MenuItem>
        ))}
        {custom.length > 0 && <ListSubheader>{t('imports.mapping.group.custom')}</ListSubheader>}
        {custom.map((field) => (
          <MenuItem key={field.key} value={`custom.${field.key}`}>
            {field.label}
          </MenuItem>
        ))}
        {!custom.some((field) => `custom.${field.key}` === newKey) && <ListSubheader>{t('imports.mapping.group.new')}</ListSubheader>}
        {!custom.some((field) => `custom.${field.key}` === newKey) && (
          <MenuItem value={newKey}>{t('imports.mapping.createField', { label: header })}</MenuItem>
        )}
      </TextField>
    </Box>
  );
});
