import { lazy, Suspense, useState } from 'react';
import BookmarkAddOutlined from '@mui/icons-material/BookmarkAddOutlined';
import MoreVert from '@mui/icons-material/MoreVert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { useToast } from '../../../common/toast/useToast';
import type { RecordObject, SavedView } from '../types';
import { useCreateViewMutation, useDeleteViewMutation, useListViewsQuery, useUpdateViewMutation, type ViewInput } from '../viewsApi';

interface ViewTabsProps {
  object: RecordObject;
  activeId: string | null;
  /** What "save" stores: the table's current filter, sort and columns. */
  current: Omit<ViewInput, 'object' | 'name' | 'shared'>;
  /** The table differs from the active view (or from "All" when none is active). */
  modified: boolean;
  onSelect: (view: SavedView | null) => void;
}

// The save dialog (text inputs) loads when first opened: the list's first screen has none.
const SaveViewDialog = lazy(async () => ({ default: (await import('./SaveViewDialog')).SaveViewDialog }));

/** Saved views as tabs: switch between them, save the current table as a new one, update or delete. */
export function ViewTabs({ object, activeId, current, modified, onSelect }: ViewTabsProps) {
  const t = useT();
  const toast = useToast();
  const { data } = useListViewsQuery(object);
  const [createView, creating] = useCreateViewMutation();
  const [updateView, updating] = useUpdateViewMutation();
  const [deleteView, deleting] = useDeleteViewMutation();
  const [saveOpen, setSaveOpen] = useState(false);
  const [saveLoaded, setSaveLoaded] = useState(false);
  if (saveOpen && !saveLoaded) setSaveLoaded(true);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const views = data?.data ?? [];
  const active = views.find((v) => v.id === activeId) ?? null;

  /** Saves the table as a view; answers why it failed, or null. */
  const save = async (name: string, shared: boolean): Promise<string | null> => {
    const result = await createView({ object, name, shared, ...current });
    if ('data' in result && result.data) {
      toast({ message: t('records.views.saved', { name: result.data.name }) });
      setSaveOpen(false);
      onSelect(result.data);
      return null;
    }
    const info = describeApiError(result.error);
    return Object.values(info.fieldErrors)[0] ?? info.detail ?? t('common.error.unexpected');
  };

  const update = async () => {
    setMenu(null);
    if (!active) return;
    const result = await updateView({ id: active.id, object, changes: current });
    toast(
      'data' in result
        ? { message: t('records.views.updated', { name: active.name }) }
        : {
            message:
              Object.values(describeApiError(result.error).fieldErrors)[0] ??
              describeApiError(result.error).detail ??
              t('common.error.unexpected'),
            severity: 'error',
          },
    );
  };

  const remove = async () => {
    if (!active) return;
    const result = await deleteView({ id: active.id, object });
    setConfirmDelete(false);
    if ('error' in result) toast({ message: describeApiError(result.error).detail ?? t('common.error.unexpected'), severity: 'error' });
    else {
      toast({ message: t('records.views.deleted', { name: active.name }) });
      onSelect(null);
    }
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, borderBottom: 1, borderColor: 'divider', minWidth: 0 }}>
      <Tabs
        value={active ? active.id : 'all'}
        onChange={(_e, value: string) => onSelect(value === 'all' ? null : (views.find((v) => v.id === value) ?? null))}
        variant="scrollable"
        scrollButtons="auto"
        allowScrollButtonsMobile
        aria-label={t('records.views.label')}
        sx={{ flex: 1, minWidth: 0, minHeight: 40, '& .MuiTab-root': { minHeight: 40, py: 0 } }}
      >
        <Tab value="all" label={t('records.views.all')} />
        {views.map((view) => (
          <Tab key={view.id} value={view.id} label={view.shared ? `${view.name} · ${t('records.views.sharedShort')}` : view.name} />
        ))}
      </Tabs>
      {active && (
        <IconButton size="small" onClick={(e) => setMenu(e.currentTarget)} aria-label={t('records.views.actions', { name: active.name })}>
          <MoreVert fontSize="small" />
        </IconButton>
      )}
      {modified && (
        <Button size="small" startIcon={<BookmarkAddOutlined />} onClick={() => setSaveOpen(true)} sx={{ flexShrink: 0 }}>
          {t('records.views.saveAs')}
        </Button>
      )}
      <Menu anchorEl={menu} open={Boolean(menu)} onClose={() => setMenu(null)}>
        <MenuItem onClick={() => void update()} disabled={!modified || updating.isLoading}>
          {t('records.views.update')}
        </MenuItem>
        <MenuItem
          onClick={() => {
            setMenu(null);
            setConfirmDelete(true);
          }}
        >
          {t('records.views.delete')}
        </MenuItem>
      </Menu>
      {saveLoaded && (
        <Suspense fallback={null}>
          <SaveViewDialog open={saveOpen} onClose={() => setSaveOpen(false)} onSave={save} saving={creating.isLoading} />
        </Suspense>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={t('records.views.deleteTitle', { name: active?.name ?? '' })}
        description={active?.shared ? t('records.views.deleteSharedBody') : t('records.views.deleteBody')}
        confirmLabel={t('records.views.delete')}
        destructive
        busy={deleting.isLoading}
        onConfirm={() => void remove()}
        onClose={() => setConfirmDelete(false)}
      />
    </Box>
  );
}
