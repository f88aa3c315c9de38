import { Link as RouterLink } from 'react-router';
import Add from '@mui/icons-material/Add';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { EmptyState } from '../../../common/components/EmptyState';
import { PageHeader } from '../../../common/components/PageHeader';
import { QueryError } from '../../../common/components/QueryError';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { ImportStatusChip, isImportActive } from '../components/ImportStatusChip';
import { useListImportsQuery } from '../importsApi';
import type { ImportJob } from '../types';

function ResultCell({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  if (isImportActive(job.status)) {
    const total = job.totalRows ?? 0;
    return (
      <>
        <Typography variant="body2">{t('imports.list.progress', { processed: job.processedRows, total })}</Typography>
        <LinearProgress
          variant={total > 0 ? 'determinate' : 'indeterminate'}
          value={total > 0 ? Math.min(100, (job.processedRows / total) * 100) : undefined}
          aria-label={t('imports.progress.label')}
          sx={{ mt: 0.5, borderRadius: 2 }}
        />
      </>
    );
  }
  if (job.status === 'failed') return <Typography variant="body2">{job.failureReason ?? t('imports.result.failedUnknown')}</Typography>;
  return (
    <Typography variant="body2">
      {t('imports.list.resultLine', {
        created: job.createdCount,
        updated: job.updatedCount,
        skipped: job.skippedCount,
        errors: t('imports.list.errors', { count: job.errorCount }),
      })}
    </Typography>
  );
}

/** /imports: recent imports with their status; running ones refresh on their own. */
export function ImportsPage() {
  const { t, formatDate } = useI18n();
  useDocumentTitle(t('imports.title'));
  const { data, error, isLoading, isFetching, refetch } = useListImportsQuery(undefined, { refetchOnMountOrArgChange: true });
  const jobs = data?.data ?? [];
  const anyActive = jobs.some((job) => isImportActive(job.status));
  useListImportsQuery(undefined, { pollingInterval: anyActive ? 2000 : 0, skip: !anyActive });

  const newButton = (
    <Button variant="contained" startIcon={<Add />} component={RouterLink} to="/imports/new">
      {t('imports.new')}
    </Button>
  );

  let body;
  if (error && !data) {
    body = <QueryError error={error} message={t('imports.list.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  } else if (!isLoading && jobs.length === 0) {
    body = (
      <EmptyState
        icon={<UploadFileOutlined />}
        title={t('imports.list.empty.title')}
        description={t('imports.list.empty.body')}
        action={newButton}
      />
    );
  } else {
    body = (
      <TableContainer>
        <Table aria-label={t('imports.list.label')} sx={{ minWidth: 640 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('imports.list.file')}</TableCell>
              <TableCell>{t('imports.list.object')}</TableCell>
              <TableCell>{t('imports.list.status')}</TableCell>
              <TableCell>{t('imports.list.results')}</TableCell>
              <TableCell>{t('imports.list.started')}</TableCell>
            </TableRow>
          </TableHead>
          {isLoading ? (
            <TableSkeleton columns={5} rows={4} />
          ) : (
            <TableBody>
              {jobs.map((job) => (
                <TableRow key={job.id} data-testid="import-row">
                  <TableCell sx={{ maxWidth: 260, overflowWrap: 'anywhere' }}>
                    <Link component={RouterLink} to={`/imports/${job.id}`}>
                      {job.fileName ?? t('imports.list.unnamed')}
                    </Link>
                  </TableCell>
                  <TableCell>{t(`imports.object.${job.object}`)}</TableCell>
                  <TableCell>
                    <ImportStatusChip job={job} />
                  </TableCell>
                  <TableCell sx={{ minWidth: 200 }}>
                    <ResultCell job={job} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={job.createdAt}>{formatDate(job.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      </TableContainer>
    );
  }

  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} actions={jobs.length > 0 ? newButton : undefined} />
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }}>
        {body}
      </Paper>
    </>
  );
}
