import { useId, useState } from 'react';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import ViewColumnOutlined from '@mui/icons-material/ViewColumnOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import type { ColumnDef } from '../columns';

interface ColumnChooserProps {
  columns: ColumnDef[];
  /** Shown columns, in display order. */
  visible: string[];
  columnLabel: (column: ColumnDef) => string;
  onChange: (visible: string[]) => void;
}

/** Which columns the table shows (standard and custom) and in what order; the record's name always leads. */
export function ColumnChooser({ columns, visible, columnLabel, onChange }: ColumnChooserProps) {
  const t = useT();
  const titleId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  // Shown columns first in their order, then the hidden ones in their natural order.
  const ordered = [
    ...visible.map((k) => byKey.get(k)).filter((c): c is ColumnDef => Boolean(c)),
    ...columns.filter((c) => !visible.includes(c.key)),
  ];
  const shown = visible.filter((k) => byKey.has(k));
  // The name column stays first: nothing moves before it.
  const firstMovable = byKey.get(shown[0] ?? '')?.kind === 'name' ? 1 : 0;

  const toggle = (key: string) => onChange(shown.includes(key) ? shown.filter((k) => k !== key) : [...shown, key]);
  const move = (key: string, by: -1 | 1) => {
    const from = shown.indexOf(key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= shown.length) return;
    const next = [...shown];
    [next[from], next[to]] = [next[to]!, next[from]!];
    onChange(next);
  };

  return (
    <>
      <Button color="inherit" startIcon={<ViewColumnOutlined />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="dialog">
        {t('records.columns')}
      </Button>
      <Popover
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': titleId, sx: { maxHeight: 460, width: 300, p: 1.5 } } }}
      >
        <Typography id={titleId} variant="subtitle2" sx={{ px: 0.5, pb: 1 }}>
          {t('records.columnsTitle')}
        </Typography>
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {ordered.map((column) => {
            const locked = column.kind === 'name';
            const index = shown.indexOf(column.key);
            const label = columnLabel(column);
            return (
              <Box component="li" key={column.key} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <FormControlLabel
                  sx={{ flex: 1, mr: 0, minWidth: 0 }}
                  control={<Checkbox size="small" checked={locked || index >= 0} disabled={locked} onChange={() => toggle(column.key)} />}
                  label={label}
                />
                {index >= 0 && !locked && (
                  <>
                    <IconButton
                      size="small"
                      disabled={index <= firstMovable}
                      onClick={() => move(column.key, -1)}
                      aria-label={t('records.moveColumnLeft', { field: label })}
                    >
                      <ArrowUpward fontSize="small" />
                    </IconButton>
                    <IconButton
                      size="small"
                      disabled={index === shown.length - 1}
                      onClick={() => move(column.key, 1)}
                      aria-label={t('records.moveColumnRight', { field: label })}
                    >
                      <ArrowDownward fontSize="small" />
                    </IconButton>
                  </>
                )}
              </Box>
            );
          })}
        </Box>
      </Popover>
    </>
  );
}
