import { useState } from 'react';
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PostAddOutlined from '@mui/icons-material/PostAddOutlined';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useT, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { SectionHeader } from '../../settings/SectionHeader';
import type { FieldDefinition, RecordObject } from '../../records/types';
import { FieldDialog } from '../components/FieldDialog';
import { useDeleteFieldMutation, useListFieldsQuery } from '../fieldsApi';

const objects: Array<{ value: RecordObject; labelKey: MessageKey }> = [
  { value: 'contacts', labelKey: 'contacts.title' },
  { value: 'companies', labelKey: 'companies.title' },
  { value: 'deals', labelKey: 'deals.title' },
];

/** Settings → Custom fields: per object, list, create, edit label/options, delete with confirmation. */
export function CustomFieldsPage() {
  const t = useT();
  const toast = useToast();
  const [object, setObject] = useState<RecordObject>('contacts');
  const { data, error, isLoading, isFetching, refetch } = useListFieldsQuery(object);
  const [deleteField, deleting] = useDeleteFieldMutation();
  const [dialog, setDialog] = useState<{ field: FieldDefinition | null } | null>(null);
  const [toDelete, setToDelete] = useState<FieldDefinition | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const fields = [...(data?.data ?? [])].sort((a, b) => a.position - b.position);

  const remove = async () => {
    if (!toDelete) return;
    const result = await deleteField({ id: toDelete.id, object });
    if ('error' in result) return setDeleteError(describeApiError(result.error).detail ?? t('common.error.unexpected'));
    toast({ message: t('fields.deleted', { label: toDelete.label }) });
    setToDelete(null);
  };

  const createButton = (
    <Button variant="contained" startIcon={<Add />} onClick={() => setDialog({ field: null })}>
      {t('fields.create')}
    </Button>
  );

  return (
    <>
      <SectionHeader title={t('settings.fields')} subtitle={t('fields.subtitle')} actions={createButton} />
      <Tabs value={object} onChange={(_e, v: RecordObject) => setObject(v)} aria-label={t('fields.objectLabel')} sx={{ mb: 2 }}>
        {objects.map((o) => (
          <Tab key={o.value} value={o.value} label={t(o.labelKey)} />
        ))}
      </Tabs>
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }}>
        {error && !data ? (
          <QueryError error={error} message={t('fields.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
        ) : isLoading ? (
          <Skeleton variant="rectangular" height={160} />
        ) : fields.length === 0 ? (
          <EmptyState icon={<PostAddOutlined />} title={t('fields.emptyTitle')} description={t('fields.emptyBody')} action={createButton} />
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t('fields.tableLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('fields.label')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('fields.key')}</TableCell>
                  <TableCell>{t('fields.type')}</TableCell>
                  <TableCell align="right">{t('fields.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {fields.map((field) => (
                  <TableRow key={field.id} data-testid="field-row">
                    <TableCell component="th" scope="row" sx={{ fontWeight: 500 }}>
                      {field.label}
                      {field.required && (
                        <Typography component="span" variant="caption" color="text.secondary">
                          {' '}
                          · {t('fields.requiredShort')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, fontFamily: 'monospace' }}>{field.key}</TableCell>
                    <TableCell>
                      {t(`fields.type.${field.type}` as MessageKey)}
                      {field.options?.length ? ` (${field.options.map((o) => o.label).join(', ')})` : ''}
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <IconButton onClick={() => setDialog({ field })} aria-label={t('fields.editLabel', { label: field.label })}>
                        <EditOutlined />
                      </IconButton>
                      <IconButton onClick={() => setToDelete(field)} aria-label={t('fields.deleteLabel', { label: field.label })}>
                        <DeleteOutline />
                      </IconButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      <FieldDialog object={object} field={dialog?.field ?? null} open={Boolean(dialog)} onClose={() => setDialog(null)} />
      <ConfirmDialog
        open={Boolean(toDelete)}
        title={t('fields.deleteTitle', { label: toDelete?.label ?? '' })}
        description={t('fields.deleteBody')}
        confirmLabel={t('fields.delete')}
        destructive
        busy={deleting.isLoading}
        error={deleteError}
        onConfirm={() => void remove()}
        onClose={() => {
          setToDelete(null);
          setDeleteError(null);
        }}
      />
    </>
  );
}
