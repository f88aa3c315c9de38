import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import ArrowBack from '@mui/icons-material/ArrowBack';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import MailOutlined from '@mui/icons-material/MailOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import { RecordTasks } from '../../tasks/components/RecordTasks';
import { recordTitle } from '../columns';
import { FieldsPanel } from '../components/FieldsPanel';
import { formatMoney } from '../components/CellValue';
import { RelatedRecords } from '../components/RelatedRecords';
import { Timeline } from '../components/Timeline';
import { useDeleteRecordMutation, useGetRecordQuery } from '../recordsApi';
import type { AnyRecord, RecordObject } from '../types';

const listTitle: Record<RecordObject, MessageKey> = { contacts: 'contacts.title', companies: 'companies.title', deals: 'deals.title' };
const notFound: Record<RecordObject, MessageKey> = {
  contacts: 'contacts.notFound',
  companies: 'companies.notFound',
  deals: 'deals.notFound',
};

function subtitleOf(object: RecordObject, record: AnyRecord, locale: string): string {
  if (object === 'contacts') return [record.title, record.companyName, record.email].filter(Boolean).join(' · ');
  if (object === 'companies') return [record.domain, record.industry].filter(Boolean).join(' · ');
  const amount = record.amount ? formatMoney(record.amount, String(record.currency ?? ''), locale) : null;
  return [amount, record.stageName].filter(Boolean).join(' · ');
}

/** A contact, company or deal: fields, timeline with "log a note/call", tasks, related records. */
export function RecordPage({ object }: { object: RecordObject }) {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const canDelete = usePermission('records.delete');
  const { data: record, error, isLoading, isFetching, refetch } = useGetRecordQuery({ object, id });
  const [deleteRecord, deleting] = useDeleteRecordMutation();
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const title = record ? recordTitle(object, record) || t('records.untitled') : '';
  useDocumentTitle(title || t(listTitle[object]));

  const back = (
    <Button component={RouterLink} to={`/${object}`} startIcon={<ArrowBack />} color="inherit" sx={{ mb: 1 }}>
      {t(listTitle[object])}
    </Button>
  );

  if (error && !record) {
    const info = describeApiError(error);
    return (
      <>
        {back}
        {info.status === 404 ? (
          <EmptyState title={t(notFound[object])} description={t('records.notFoundBody')} />
        ) : (
          <QueryError error={error} message={t('records.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
        )}
      </>
    );
  }

  const remove = async () => {
    const result = await deleteRecord({ object, id });
    if ('error' in result) return setDeleteError(describeApiError(result.error).detail ?? t('common.error.unexpected'));
    setConfirming(false);
    toast({ message: t('records.deleted', { name: title }) });
    void navigate(`/${object}`);
  };

  return (
    <>
      {back}
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, gap: 1.5, mb: 3 }}
      >
        <Box sx={{ minWidth: 0 }}>
          {isLoading || !record ? (
            <Skeleton variant="text" width={260} sx={{ fontSize: '2rem' }} />
          ) : (
            <>
              <Typography variant="h1" sx={{ overflowWrap: 'anywhere' }}>
                {title}
              </Typography>
              <Typography color="text.secondary" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
                {subtitleOf(object, record, locale)}
              </Typography>
            </>
          )}
        </Box>
        <Stack direction="row" sx={{ gap: 1, flexShrink: 0 }}>
          {object === 'contacts' && typeof record?.email === 'string' && record.email && (
            <Button variant="outlined" startIcon={<MailOutlined />} href={`mailto:${record.email}`}>
              {t('records.email')}
            </Button>
          )}
          {canDelete && record && (
            <Button color="error" variant="outlined" startIcon={<DeleteOutline />} onClick={() => setConfirming(true)}>
              {t('records.delete')}
            </Button>
          )}
        </Stack>
      </Stack>
      {isLoading || !record ? (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}>
            <Skeleton variant="rounded" height={360} />
          </Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <Skeleton variant="rounded" height={360} />
          </Grid>
        </Grid>
      ) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 5, lg: 4 }}>
            <Stack sx={{ gap: 2 }}>
              <FieldsPanel object={object} record={record} />
              <RelatedRecords object={object} record={record} />
            </Stack>
          </Grid>
          <Grid size={{ xs: 12, md: 7, lg: 8 }}>
            <Stack sx={{ gap: 2 }}>
              <RecordTasks object={object} id={record.id} />
              <Timeline object={object} id={record.id} />
            </Stack>
          </Grid>
        </Grid>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('records.deleteTitle', { name: title })}
        description={t('records.deleteBody')}
        confirmLabel={t('records.delete')}
        destructive
        busy={deleting.isLoading}
        error={deleteError}
        onConfirm={() => void remove()}
        onClose={() => {
          setConfirming(false);
          setDeleteError(null);
        }}
      />
    </>
  );
}

export const ContactPage = () => <RecordPage object="contacts" />;
export const CompanyPage = () => <RecordPage object="companies" />;
export const DealPage = () => <RecordPage object="deals" />;
