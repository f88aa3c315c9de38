import { useState } from 'react';
import ViewColumnOutlined from '@mui/icons-material/ViewColumnOutlined';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useT } from '../../../app/i18n';
import type { ColumnDef } from '../columns';

interface ColumnChooserProps {
  columns: ColumnDef[];
  visible: string[];
  columnLabel: (column: ColumnDef) => string;
  onChange: (visible: string[]) => void;
}

/** Which columns the table shows, standard and custom; the record's name always stays. */
export function ColumnChooser({ columns, visible, columnLabel, onChange }: ColumnChooserProps) {
  const t = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (key: string) =>
    onChange(
      visible.includes(key) ? visible.filter((k) => k !== key) : columns.map((c) => c.key).filter((k) => k === key || visible.includes(k)),
    );
  return (
    <>
      <Button color="inherit" startIcon={<ViewColumnOutlined />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu">
        {t('records.columns')}
      </Button>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxHeight: 420 } } }}>
        {columns.map((column) => {
          const locked = column.kind === 'name';
          const checked = locked || visible.includes(column.key);
          return (
            <MenuItem
              key={column.key}
              role="menuitemcheckbox"
              aria-checked={checked}
              disabled={locked}
              onClick={() => toggle(column.key)}
              dense
            >
              <ListItemIcon>
                <Checkbox
                  edge="start"
                  size="small"
                  checked={checked}
                  tabIndex={-1}
                  disableRipple
                  slotProps={{ input: { 'aria-hidden': true } }}
                />
              </ListItemIcon>
              <ListItemText primary={columnLabel(column)} />
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}
