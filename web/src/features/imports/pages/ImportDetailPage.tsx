import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import { useT } from '../../../app/i18n';
import { PageHeader } from '../../../common/components/PageHeader';
import { QueryError } from '../../../common/components/QueryError';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { ImportProgress } from '../components/ImportProgress';
import { ImportResult } from '../components/ImportResult';
import { ImportSteps } from '../components/ImportSteps';
import { isImportActive } from '../components/ImportStatusChip';
import { useGetImportQuery } from '../importsApi';

const pollMs = 1000;

/** /imports/:id: progress while the import runs (polled), then its result. A reload keeps the place. */
export function ImportDetailPage() {
  const t = useT();
  useDocumentTitle(t('imports.wizard.title'));
  const { id = '' } = useParams();
  // Polls until the import settles; `finished` is read from the last answer.
  const [finished, setFinished] = useState(false);
  const { data: job, error, isFetching, refetch } = useGetImportQuery(id, { pollingInterval: finished ? 0 : pollMs });
  useEffect(() => {
    setFinished(job !== undefined && !isImportActive(job.status));
  }, [job]);
  const active = !job || isImportActive(job.status);

  return (
    <>
      <PageHeader title={t('imports.wizard.title')} />
      <ImportSteps active={active ? 2 : 3} />
      <Paper variant="outlined" sx={{ borderRadius: 3, p: { xs: 2, sm: 3 } }} aria-busy={active}>
        {error && !job ? (
          <QueryError error={error} message={t('imports.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
        ) : !job ? (
          <Stack sx={{ gap: 1.5 }} aria-hidden>
            <Skeleton width="40%" height={32} />
            <Skeleton variant="rounded" height={10} />
          </Stack>
        ) : active ? (
          <ImportProgress job={job} />
        ) : (
          <ImportResult job={job} />
        )}
      </Paper>
    </>
  );
}
