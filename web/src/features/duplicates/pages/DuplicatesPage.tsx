import { useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import DoneAll from '@mui/icons-material/DoneAll';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { EmptyState } from '../../../common/components/EmptyState';
import { PageHeader } from '../../../common/components/PageHeader';
import { QueryError } from '../../../common/components/QueryError';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import { useMembers } from '../../records/useMemberNames';
import { DuplicatePairRow } from '../components/DuplicatePairRow';
import { MergeDialog } from '../components/MergeDialog';
import { recordTitle } from '../compareRecords';
import { useDismissDuplicateMutation, useListDuplicatesInfiniteQuery, useMergeRecordsMutation } from '../duplicatesApi';
import type { DuplicateObject, DuplicatePair } from '../types';

const objects: DuplicateObject[] = ['contacts', 'companies'];

/** /duplicates: suggested pairs per object; review side by side, merge, or dismiss. */
export function DuplicatesPage() {
  const t = useT();
  useDocumentTitle(t('duplicates.title'));
  const toast = useToast();
  const navigate = useNavigate();
  // As the API: dismissing a pair needs records.write, merging (it deletes records) records.delete.
  const canDismiss = usePermission('records.write');
  const canMerge = usePermission('records.delete');
  const canImport = usePermission('records.import');
  const { nameOf } = useMembers();
  const [params, setParams] = useSearchParams();
  const object: DuplicateObject = params.get('object') === 'companies' ? 'companies' : 'contacts';
  const query = useListDuplicatesInfiniteQuery(object);
  const [merge, { isLoading: merging }] = useMergeRecordsMutation();
  const [dismiss] = useDismissDuplicateMutation();
  const [reviewing, setReviewing] = useState<DuplicatePair | null>(null);
  const [mergeError, setMergeError] = useState<string | null>(null);
  const pairs = query.data?.pages.flatMap((page) => page.data) ?? [];

  const reasonOf = (error: unknown) => {
    const info = describeApiError(error);
    return info.status === null ? t('common.error.network') : (info.detail ?? t('common.error.unexpected'));
  };

  const doDismiss = async (pair: DuplicatePair) => {
    setReviewing(null);
    const [a, b] = pair.records;
    const result = await dismiss({ object, ids: [a.id, b.id], pairId: pair.id });
    if ('error' in result) toast({ severity: 'error', message: t('duplicates.dismissFailed', { reason: reasonOf(result.error) }) });
    else toast({ severity: 'success', message: t('duplicates.dismissed', { a: recordTitle(object, a), b: recordTitle(object, b) }) });
  };

  const doMerge = async (primaryId: string, duplicateId: string, fieldChoices: Record<string, string>) => {
    setMergeError(null);
    const result = await merge({ object, primaryId, duplicateIds: [duplicateId], fieldChoices });
    if ('error' in result) {
      setMergeError(t('duplicates.mergeFailed', { reason: reasonOf(result.error) }));
      return;
    }
    setReviewing(null);
    const path = `/${object}/${result.data.id}`;
    toast({
      severity: 'success',
      message: t('duplicates.merged', { name: recordTitle(object, result.data) || t('duplicates.unnamed') }),
      action: { label: t('duplicates.merged.view'), onClick: () => navigate(path) },
    });
  };

  let body;
  if (query.error && !query.data) {
    body = (
      <Box sx={{ p: 2 }}>
        <QueryError
          error={query.error}
          message={t('duplicates.loadError')}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </Box>
    );
  } else if (query.isLoading) {
    body = (
      <Box sx={{ p: 2 }} aria-hidden data-testid="duplicates-skeleton">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} variant="rounded" height={56} sx={{ mb: 1.5 }} />
        ))}
      </Box>
    );
  } else if (pairs.length === 0) {
    body = (
      <EmptyState
        icon={<DoneAll />}
        title={t('duplicates.empty.title')}
        description={t(`duplicates.empty.${object}`)}
        action={
          canImport && (
            <Button variant="outlined" component={RouterLink} to={`/imports/new?object=${object}`}>
              {t('duplicates.empty.import')}
            </Button>
          )
        }
      />
    );
  } else {
    body = (
      <>
        <Box component="ul" sx={{ m: 0, p: 0 }} aria-label={t('duplicates.listLabel')}>
          {pairs.map((pair) => (
            <DuplicatePairRow
              key={pair.id}
              pair={pair}
              canDismiss={canDismiss}
              onReview={() => {
                setMergeError(null);
                setReviewing(pair);
              }}
              onDismiss={() => void doDismiss(pair)}
            />
          ))}
        </Box>
        {query.hasNextPage && (
          <Box sx={{ p: 2, textAlign: 'center' }}>
            <Button variant="outlined" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('duplicates.loadMore')}
            </Button>
          </Box>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('duplicates.title')} subtitle={t('duplicates.subtitle')} />
      <Tabs
        value={object}
        onChange={(_event, value: DuplicateObject) => setParams(value === 'contacts' ? {} : { object: value }, { replace: true })}
        aria-label={t('duplicates.tabs')}
        sx={{ mb: 2 }}
      >
        {objects.map((o) => (
          <Tab key={o} value={o} label={t(`duplicates.tab.${o}`)} id={`duplicates-tab-${o}`} aria-controls="duplicates-panel" />
        ))}
      </Tabs>
      <Paper
        variant="outlined"
        sx={{ borderRadius: 3, overflow: 'hidden' }}
        role="tabpanel"
        id="duplicates-panel"
        aria-labelledby={`duplicates-tab-${object}`}
        aria-busy={query.isLoading}
      >
        {body}
      </Paper>
      {reviewing && (
        <MergeDialog
          key={reviewing.id}
          pair={reviewing}
          canMerge={canMerge}
          canDismiss={canDismiss}
          merging={merging}
          error={mergeError}
          ownerName={nameOf}
          onMerge={(primaryId, duplicateId, choices) => void doMerge(primaryId, duplicateId, choices)}
          onDismiss={() => void doDismiss(reviewing)}
          onClose={() => setReviewing(null)}
        />
      )}
    </>
  );
}
