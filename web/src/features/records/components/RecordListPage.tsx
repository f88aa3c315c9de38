import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import Add from '@mui/icons-material/Add';
import FilterList from '@mui/icons-material/FilterList';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { EmptyState } from '../../../common/components/EmptyState';
import { PageHeader } from '../../../common/components/PageHeader';
import { QueryError } from '../../../common/components/QueryError';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import { useListFieldsQuery } from '../../fields/fieldsApi';
import { allColumns, defaultColumnKeys, patchFor, type ColumnDef } from '../columns';
import { conditionsOf, withoutCondition } from '../filters';
import { useAggregateRecordsQuery, useListRecordsInfiniteQuery, useUpdateRecordMutation } from '../recordsApi';
import type { AnyRecord, FilterGroup, RecordObject, SavedView, Total } from '../types';
import { useMembers } from '../useMemberNames';
import { formatMoney } from './CellValue';
import { ColumnChooser } from './ColumnChooser';
import { RecordGrid } from './RecordGrid';
import { useListViewsQuery } from '../viewsApi';
import { ViewTabs } from './ViewTabs';

// What the first screen does not show loads on first use, keeping the list's cold start small.
const BulkBar = lazy(async () => ({ default: (await import('./BulkBar')).BulkBar }));
const CreateRecordDialog = lazy(async () => ({ default: (await import('./CreateRecordDialog')).CreateRecordDialog }));
const FilterBuilder = lazy(async () => ({ default: (await import('./FilterBuilder')).FilterBuilder }));

/** True from the first time `open` is, so a lazily loaded dialog can still animate closed. */
function useOpenedOnce(open: boolean) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened;
}

export interface ListCopy {
  title: MessageKey;
  create: MessageKey;
  emptyTitle: MessageKey;
  emptyBody: MessageKey;
  emptyReadOnly: MessageKey;
  loadError: MessageKey;
  icon: ReactNode;
}

interface TableState {
  filter: FilterGroup | null;
  sort: string;
  columns: string[];
}

const defaultSort = '-createdAt';

/** "1,234" exact, "~1.2M" when the server estimated. */
export function useFormatTotal() {
  const { formatNumber } = useI18n();
  return (total: Total) =>
    total.estimated ? `~${formatNumber(total.count, { notation: 'compact', maximumFractionDigits: 1 })}` : formatNumber(total.count);
}

/** " · $48,000.00 + €5,000.00": deal amounts summed per currency for the current filter (never mixed). */
function DealAmountTotals({ filter }: { filter: FilterGroup | null }) {
  const { t, locale } = useI18n();
  const { data } = useAggregateRecordsQuery({ object: 'deals', groupBy: 'currency', metric: 'sum', field: 'amount', filter });
  const sums = (data?.data ?? []).filter((g) => g.value !== null && Number(g.value) !== 0);
  if (sums.length === 0) return null;
  return <> · {t('deals.amountTotal', { amount: sums.map((g) => formatMoney(g.value, g.key ?? undefined, locale)).join(' + ') })}</>;
}

/** A records list: saved views, filter builder, column chooser, sortable virtualized grid, inline edit, bulk actions. */
export function RecordListPage({ object, copy, actions }: { object: RecordObject; copy: ListCopy; actions?: ReactNode }) {
  const { t } = useI18n();
  useDocumentTitle(t(copy.title));
  const toast = useToast();
  const formatTotal = useFormatTotal();
  const canCreate = usePermission('records.write');
  const [params, setParams] = useSearchParams();
  const { data: fieldsData } = useListFieldsQuery(object);
  const { members, nameOf } = useMembers();
  const columns = useMemo(() => allColumns(object, fieldsData?.data), [object, fieldsData]);
  const [activeView, setActiveView] = useState<SavedView | null>(null);
  const [state, setState] = useState<TableState>({ filter: null, sort: defaultSort, columns: defaultColumnKeys(object) });
  const [filterOpen, setFilterOpen] = useState(false);
  const [creating, setCreating] = useState(params.get('create') === '1');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [updateRecord] = useUpdateRecordMutation();
  const filterLoaded = useOpenedOnce(filterOpen);
  const createLoaded = useOpenedOnce(creating);

  const args = { object, filter: state.filter, sort: state.sort };
  const { data, error, isLoading, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useListRecordsInfiniteQuery(args);
  const rows = useMemo(() => data?.pages.flatMap((p) => p.data) ?? [], [data]);
  const total = data?.pages[0]?.total;

  const columnLabel = useCallback((c: ColumnDef) => (c.labelKey ? t(c.labelKey) : (c.label ?? c.key)), [t]);
  const visibleColumns = useMemo(() => {
    const byKey = new Map(columns.map((c) => [c.key, c]));
    const picked = state.columns.map((k) => byKey.get(k)).filter((c): c is ColumnDef => Boolean(c));
    const name = columns.find((c) => c.kind === 'name');
    return name && !picked.includes(name) ? [name, ...picked] : picked;
  }, [columns, state.columns]);

  const baseline: TableState = activeView
    ? { filter: activeView.filter, sort: activeView.sort ?? defaultSort, columns: activeView.columns }
    : { filter: null, sort: defaultSort, columns: defaultColumnKeys(object) };
  const modified = JSON.stringify(baseline) !== JSON.stringify(state);

  const selectView = (view: SavedView | null) => {
    setActiveView(view);
    setSelected(new Set());
    setState(
      view
        ? { filter: view.filter, sort: view.sort ?? defaultSort, columns: view.columns.length ? view.columns : defaultColumnKeys(object) }
        : { filter: null, sort: defaultSort, columns: defaultColumnKeys(object) },
    );
    const next = new URLSearchParams(params);
    if (view) next.set('view', view.id);
    else next.delete('view');
    setParams(next, { replace: true });
  };

  // A view linked by URL (?view=<id>) opens once the views have loaded.
  const { data: views } = useListViewsQuery(object);
  const linkedView = params.get('view');
  useEffect(() => {
    if (!linkedView || activeView?.id === linkedView) return;
    const view = views?.data.find((v) => v.id === linkedView);
    if (view) selectView(view);
    // Only the linked id and the loaded views decide; selectView is recreated each render.
  }, [linkedView, views]);

  const onEdit = useCallback(
    async (record: AnyRecord, column: ColumnDef, value: unknown) => {
      const result = await updateRecord({ object, id: record.id, changes: patchFor(column.key, value) });
      if ('error' in result) {
        const info = describeApiError(result.error);
        const detail = Object.values(info.fieldErrors)[0] ?? info.detail;
        toast({
          message: t('records.editFailed', { field: columnLabel(column), reason: detail ?? t('common.error.unexpected') }),
          severity: 'error',
        });
      }
    },
    [object, updateRecord, toast, t, columnLabel],
  );

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const toggleAll = () =>
    setSelected((current) => (rows.length > 0 && rows.every((r) => current.has(r.id)) ? new Set() : new Set(rows.map((r) => r.id))));
  const clearSelection = useCallback(() => setSelected(new Set()), []);

  // A contact's "Name" column is the app's (first + last name), not an API field: it always shows, and is not saved.
  const savableColumns = state.columns.filter((key) => columns.find((c) => c.key === key)?.kind !== 'name' || object !== 'contacts');
  const chips = conditionsOf(state.filter);
  const createButton = canCreate && (
    <Button variant="contained" startIcon={<Add />} onClick={() => setCreating(true)}>
      {t(copy.create)}
    </Button>
  );
  const failed = Boolean(error) && !data;
  const unfilteredEmpty = !isLoading && !failed && rows.length === 0 && !state.filter;

  let body: ReactNode;
  if (failed) {
    body = (
      <Box sx={{ p: 2 }}>
        <QueryError error={error} message={t(copy.loadError)} onRetry={() => void refetch()} retrying={isFetching} />
      </Box>
    );
  } else if (unfilteredEmpty) {
    body = (
      <EmptyState
        icon={copy.icon}
        title={t(copy.emptyTitle)}
        description={canCreate ? t(copy.emptyBody) : t(copy.emptyReadOnly)}
        action={createButton}
      />
    );
  } else if (!isLoading && rows.length === 0) {
    body = (
      <EmptyState
        icon={<FilterList />}
        title={t('records.noMatchTitle')}
        description={t('records.noMatchBody')}
        action={
          <Button variant="outlined" onClick={() => setState((s) => ({ ...s, filter: null }))}>
            {t('records.filter.clear')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <RecordGrid
        object={object}
        label={t(copy.title)}
        columns={visibleColumns}
        rows={rows}
        loading={isLoading}
        hasNextPage={hasNextPage}
        fetchingNextPage={isFetchingNextPage}
        fetchNextPage={() => void fetchNextPage()}
        sort={state.sort}
        onSortChange={(sort) => setState((s) => ({ ...s, sort }))}
        selected={selected}
        onToggle={toggle}
        onToggleAll={toggleAll}
        canEdit={canCreate}
        members={members}
        nameOf={nameOf}
        onEdit={(record, column, value) => void onEdit(record, column, value)}
        columnLabel={columnLabel}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t(copy.title)}
        actions={
          <>
            {actions}
            {!unfilteredEmpty && createButton}
          </>
        }
      />
      <ViewTabs
        object={object}
        activeId={activeView?.id ?? params.get('view')}
        current={{ filter: state.filter, sort: state.sort, columns: savableColumns }}
        modified={modified}
        onSelect={selectView}
      />
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', py: 1.5 }}>
        <Button
          color="inherit"
          startIcon={
            <Badge badgeContent={chips.length} color="primary">
              <FilterList />
            </Badge>
          }
          onClick={() => setFilterOpen(true)}
        >
          {t('records.filter.open')}
        </Button>
        <ColumnChooser
          columns={columns}
          visible={state.columns}
          columnLabel={columnLabel}
          onChange={(cols) => setState((s) => ({ ...s, columns: cols }))}
        />
        {chips.map((c, index) => {
          const column = columns.find((col) => col.filterKey === c.field);
          const value = c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.join(' – ') : String(c.value)}`;
          const label = `${column ? columnLabel(column) : c.field} ${t(`records.op.${c.op}` as MessageKey)}${value}`;
          return (
            <Chip
              key={`${c.field}-${index}`}
              label={label}
              onDelete={() => setState((s) => ({ ...s, filter: s.filter ? withoutCondition(s.filter, index) : null }))}
              aria-label={t('records.filter.removeChip', { filter: label })}
              sx={{ maxWidth: 280 }}
              data-testid="filter-chip"
            />
          );
        })}
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} role="status" aria-live="polite" data-testid="record-total">
          {total ? t('records.total', { total: formatTotal(total) }) : ''}
          {object === 'deals' && total && total.count > 0 && <DealAmountTotals filter={state.filter} />}
        </Typography>
      </Stack>
      {selected.size > 0 && (
        <Suspense fallback={null}>
          <BulkBar
            object={object}
            ids={[...selected]}
            members={members}
            matching={
              hasNextPage && total && rows.every((r) => selected.has(r.id))
                ? { count: total.count, estimated: total.estimated, filter: state.filter }
                : null
            }
            onDone={clearSelection}
          />
        </Suspense>
      )}
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }}>
        {body}
      </Paper>
      {filterLoaded && (
        <Suspense fallback={null}>
          <FilterBuilder
            open={filterOpen}
            filter={state.filter}
            columns={columns}
            columnLabel={columnLabel}
            members={members}
            onApply={(filter) => {
              setState((s) => ({ ...s, filter }));
              setSelected(new Set());
              setFilterOpen(false);
            }}
            onClose={() => setFilterOpen(false)}
          />
        </Suspense>
      )}
      {canCreate && createLoaded && (
        <Suspense fallback={null}>
          <CreateRecordDialog object={object} open={creating} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </>
  );
}
