import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useNavigate } from 'react-router';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Checkbox from '@mui/material/Checkbox';
import Skeleton from '@mui/material/Skeleton';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useT } from '../../../app/i18n';
import type { ColumnDef } from '../columns';
import { readValue, recordTitle } from '../columns';
import type { AnyRecord, RecordObject } from '../types';
import type { Member } from '../../members/types';
import { maxColumnWidth, minColumnWidth, useColumnWidths } from '../useColumnWidths';
import { CellValue, cellValueSx } from './CellValue';

// Editors (selects, pickers) load on the first edit, not with the list.
const CellEditor = lazy(async () => ({ default: (await import('./CellEditor')).CellEditor }));

export const rowHeight = 44;
const checkboxWidth = 48;

interface RecordGridProps {
  object: RecordObject;
  label: string;
  columns: ColumnDef[];
  rows: AnyRecord[];
  loading: boolean;
  hasNextPage: boolean;
  fetchingNextPage: boolean;
  fetchNextPage: () => void;
  sort: string;
  onSortChange: (sort: string) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  canEdit: boolean;
  members: Member[];
  nameOf: (userId: string | null | undefined) => string | null;
  onEdit: (record: AnyRecord, column: ColumnDef, value: unknown) => void;
  columnLabel: (column: ColumnDef) => string;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Drag (or focus and press ←/→) to change a column's width. */
function ColumnResizer({ label, width, onResize }: { label: string; width: number; onResize: (width: number) => void }) {
  const t = useT();
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startX = event.clientX;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onResize(width + e.clientX - startX);
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  return (
    <Box
      role="separator"
      aria-orientation="vertical"
      aria-label={t('records.resizeColumn', { field: label })}
      aria-valuenow={width}
      aria-valuemin={minColumnWidth}
      aria-valuemax={maxColumnWidth}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        e.stopPropagation();
        onResize(width + (e.key === 'ArrowRight' ? 16 : -16));
      }}
      sx={{
        position: 'absolute',
        top: 8,
        bottom: 8,
        right: 0,
        width: 8,
        cursor: 'col-resize',
        touchAction: 'none',
        borderRight: 2,
        borderColor: 'divider',
        '&:hover, &:focus-visible': { borderColor: 'primary.main', outline: 'none' },
      }}
    />
  );
}

/**
 * The records table: a keyboard-operable ARIA grid whose rows are virtualized, so a
 * hundred thousand loaded rows scroll like ten. Arrow keys move between cells, Enter
 * edits (or opens the record from its name), Space selects the row, Escape cancels.
 */
export function RecordGrid(props: RecordGridProps) {
  const { object, columns, rows, loading, hasNextPage, fetchingNextPage, fetchNextPage, sort, onSortChange, selected } = props;
  const t = useT();
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 1 });
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null);
  const focusPending = useRef(false);

  const virtualizer = useVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  // Fetch the next keyset page before the user reaches the end of what is loaded.
  useEffect(() => {
    if (hasNextPage && !fetchingNextPage && lastIndex >= rows.length - 30) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, fetchingNextPage, fetchNextPage]);

  const { widths, setWidth } = useColumnWidths(object);
  const widthOf = (c: ColumnDef) => widths[c.key] ?? c.width;
  const template = `${checkboxWidth}px ${columns.map((c) => `${widthOf(c)}px`).join(' ')}`;
  const totalWidth = checkboxWidth + columns.reduce((sum, c) => sum + widthOf(c), 0);
  const colCount = columns.length + 1;

  const focusActive = useCallback(() => {
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
    if (cell) {
      cell.focus({ preventScroll: false });
      focusPending.current = false;
    }
  }, [active]);

  useEffect(() => {
    if (focusPending.current) focusActive();
  });

  const moveTo = (row: number, col: number) => {
    const next = { row: Math.max(0, Math.min(rows.length - 1, row)), col: Math.max(0, Math.min(colCount - 1, col)) };
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next.row, { align: 'auto' });
  };

  const commit = (rowIndex: number, column: ColumnDef, value: unknown) => {
    setEditing(null);
    focusPending.current = true;
    const record = rows[rowIndex];
    if (record && !sameValue(readValue(record, column.key), value)) props.onEdit(record, column, value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing || rows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active.row + 1, active.col),
      ArrowUp: () => moveTo(active.row - 1, active.col),
      ArrowRight: () => moveTo(active.row, active.col + 1),
      ArrowLeft: () => moveTo(active.row, active.col - 1),
      PageDown: () => moveTo(active.row + page, active.col),
      PageUp: () => moveTo(active.row - page, active.col),
      Home: () => moveTo(event.ctrlKey ? 0 : active.row, 0),
      End: () => moveTo(event.ctrlKey ? rows.length - 1 : active.row, colCount - 1),
    };
    const record = rows[active.row];
    const column = columns[active.col - 1];
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]!();
    } else if (event.key === ' ' && record) {
      event.preventDefault();
      props.onToggle(record.id);
    } else if ((event.key === 'Enter' || event.key === 'F2') && record && column) {
      event.preventDefault();
      if (column.kind === 'name' || column.kind === 'company') {
        const target =
          column.kind === 'name' ? `/${object}/${record.id}` : record.companyId ? `/companies/${String(record.companyId)}` : null;
        if (target) void navigate(target);
      } else if (column.editable && props.canEdit) setEditing(active);
    }
  };

  const sortField = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const cellSx = {
    display: 'flex',
    alignItems: 'center',
    px: 1.5,
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    borderBottom: 1,
    borderColor: 'divider',
    outline: 'none',
    '&:focus-visible': {
      boxShadow: (theme: { palette: { primary: { main: string } } }) => `inset 0 0 0 2px ${theme.palette.primary.main}`,
    },
  } as const;

  return (
    <Box
      ref={scrollRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={loading ? -1 : rows.length + 1}
      aria-colcount={colCount}
      aria-multiselectable
      aria-busy={loading || fetchingNextPage}
      onKeyDown={onKeyDown}
      data-testid="record-grid"
      sx={{
        maxHeight: { xs: 'calc(100dvh - 300px)', sm: 'calc(100dvh - 290px)' },
        minHeight: loading ? 200 : 0,
        overflow: 'auto',
        position: 'relative',
        fontSize: 14,
        ...cellValueSx,
        '& .rg-row': {
          position: 'absolute',
          top: 0,
          left: 0,
          minWidth: '100%',
          display: 'grid',
          height: rowHeight,
          bgcolor: 'background.paper',
        },
        '& .rg-row:hover': { bgcolor: 'action.hover' },
        '& .rg-row.rg-selected': { bgcolor: 'action.selected' },
        '& .rg-cell': cellSx,
        '& .rg-check': { px: 1.5, position: 'sticky', left: 0, zIndex: 1, bgcolor: 'inherit' },
        '& .rg-check input': {
          width: 18,
          height: 18,
          m: 0,
          accentColor: (theme: { palette: { primary: { main: string } } }) => theme.palette.primary.main,
          cursor: 'pointer',
        },
      }}
    >
      <Box role="rowgroup" sx={{ position: 'sticky', top: 0, zIndex: 2, width: totalWidth, minWidth: '100%', bgcolor: 'background.paper' }}>
        <Box role="row" aria-rowindex={1} sx={{ display: 'grid', gridTemplateColumns: template, height: rowHeight, fontWeight: 600 }}>
          <Box role="columnheader" sx={{ ...cellSx, px: 0.5, position: 'sticky', left: 0, bgcolor: 'background.paper', zIndex: 1 }}>
            <Checkbox
              size="small"
              checked={allSelected}
              indeterminate={!allSelected && selected.size > 0}
              onChange={props.onToggleAll}
              disabled={rows.length === 0}
              slotProps={{ input: { 'aria-label': t('records.selectAllLoaded') } }}
            />
          </Box>
          {columns.map((column) => {
            const label = props.columnLabel(column);
            const sorted = column.sortKey && sortField === column.sortKey;
            return (
              <Box
                key={column.key}
                role="columnheader"
                aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}
                sx={{ ...cellSx, color: 'text.secondary', fontSize: 13, position: 'relative' }}
              >
                {column.sortKey ? (
                  <ButtonBase
                    onClick={() => onSortChange(sorted && !descending ? `-${column.sortKey}` : column.sortKey!)}
                    sx={{
                      gap: 0.5,
                      font: 'inherit',
                      fontWeight: 600,
                      borderRadius: 1,
                      px: 0.5,
                      mx: -0.5,
                      '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
                    }}
                    aria-label={t('records.sortBy', { field: label })}
                  >
                    <span>{label}</span>
                    {sorted && (descending ? <ArrowDownward sx={{ fontSize: 16 }} /> : <ArrowUpward sx={{ fontSize: 16 }} />)}
                  </ButtonBase>
                ) : (
                  <span>{label}</span>
                )}
                <ColumnResizer label={label} width={widthOf(column)} onResize={(w) => setWidth(column.key, w)} />
              </Box>
            );
          })}
        </Box>
      </Box>
      <Box
        role="rowgroup"
        sx={{ position: 'relative', height: loading ? 8 * rowHeight : virtualizer.getTotalSize(), width: totalWidth, minWidth: '100%' }}
      >
        {loading &&
          Array.from({ length: 8 }, (_, i) => (
            <Box
              key={i}
              aria-hidden
              sx={{ display: 'grid', gridTemplateColumns: template, height: rowHeight }}
              data-testid="table-skeleton"
            >
              <Box sx={cellSx} />
              {columns.map((c, ci) => (
                <Box key={c.key} sx={cellSx}>
                  <Skeleton variant="text" width={`${50 + ((i * 7 + ci * 13) % 40)}%`} />
                </Box>
              ))}
            </Box>
          ))}
        {!loading &&
          items.map((item) => {
            const record = rows[item.index];
            if (!record) {
              return (
                <Box
                  key="loader"
                  role="row"
                  aria-hidden
                  sx={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: rowHeight,
                    transform: `translateY(${item.start}px)`,
                    px: 2,
                    display: 'flex',
                    alignItems: 'center',
                  }}
                >
                  <Skeleton variant="text" width="40%" />
                </Box>
              );
            }
            const isSelected = selected.has(record.id);
            const title = recordTitle(object, record);
            // Rows and cells are plain elements styled by the grid's classes (rg-*): a screenful
            // of MUI components per scroll step would cost more than the data.
            return (
              <div
                key={record.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                data-testid="record-row"
                className={isSelected ? 'rg-row rg-selected' : 'rg-row'}
                style={{ width: totalWidth, gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}
              >
                <div
                  role="gridcell"
                  className="rg-cell rg-check"
                  data-cell={`${item.index}:0`}
                  tabIndex={active.row === item.index && active.col === 0 ? 0 : -1}
                  onFocus={() => setActive({ row: item.index, col: 0 })}
                >
                  <input
                    type="checkbox"
                    checked={isSelected}
                    onChange={() => props.onToggle(record.id)}
                    tabIndex={-1}
                    aria-label={t('records.selectRow', { name: title || t('records.untitled') })}
                  />
                </div>
                {columns.map((column, ci) => {
                  const col = ci + 1;
                  const isEditing = editing?.row === item.index && editing.col === col;
                  const editable = Boolean(column.editable && props.canEdit);
                  return (
                    <div
                      key={column.key}
                      role="gridcell"
                      className="rg-cell"
                      data-cell={`${item.index}:${col}`}
                      data-column={column.key}
                      aria-readonly={!editable}
                      tabIndex={active.row === item.index && active.col === col && !isEditing ? 0 : -1}
                      onFocus={() => setActive({ row: item.index, col })}
                      onDoubleClick={() => editable && setEditing({ row: item.index, col })}
                    >
                      {isEditing ? (
                        <Suspense fallback={<CellValue object={object} column={column} record={record} nameOf={props.nameOf} />}>
                          <CellEditor
                            column={column}
                            value={readValue(record, column.key)}
                            pipelineId={typeof record.pipelineId === 'string' ? record.pipelineId : undefined}
                            members={props.members}
                            label={t('records.editCell', { field: props.columnLabel(column), name: title })}
                            onCommit={(value) => commit(item.index, column, value)}
                            onCancel={() => {
                              setEditing(null);
                              focusPending.current = true;
                            }}
                          />
                        </Suspense>
                      ) : (
                        <CellValue object={object} column={column} record={record} nameOf={props.nameOf} />
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
      </Box>
    </Box>
  );
}
