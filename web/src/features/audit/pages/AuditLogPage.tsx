import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { skipToken } from '@reduxjs/toolkit/query';
import { useT } from '../../../app/i18n';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { useListMembersInfiniteQuery } from '../../members/membersApi';
import { SectionHeader } from '../../settings/SectionHeader';
import { useListAuditLogInfiniteQuery } from '../auditApi';
import { emptyAuditFilters, isBackwardsRange, readAuditFilters, toAuditQuery, type AuditFilterParams } from '../auditFilters';
import { AuditFilterBar } from '../components/AuditFilterBar';
import { AuditTable } from '../components/AuditTable';

/** Who did what, when, from where: newest first, filtered by the chips, paged with "Load more". */
export function AuditLogPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readAuditFilters(params), [params]);
  const query = useMemo(() => toAuditQuery(filters), [filters]);
  const backwards = isBackwardsRange(filters);
  const { data, error, isLoading, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useListAuditLogInfiniteQuery(
    backwards ? skipToken : query,
    { refetchOnMountOrArgChange: true },
  );
  const { data: memberPages } = useListMembersInfiniteQuery();
  const members = memberPages?.pages.flatMap((p) => p.data) ?? [];
  const entries = data?.pages.flatMap((page) => page.data) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  const setFilters = (next: AuditFilterParams) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };

  let body;
  if (error && !data)
    body = <QueryError error={error} message={t('audit.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else if (!isLoading && !backwards && entries.length === 0)
    body = (
      <EmptyState
        icon={<HistoryOutlined />}
        title={filtered ? t('audit.emptyFilteredTitle') : t('audit.emptyTitle')}
        description={filtered ? t('audit.emptyFilteredBody') : t('audit.emptyBody')}
        action={
          filtered && (
            <Button variant="outlined" onClick={() => setFilters(emptyAuditFilters)}>
              {t('audit.filter.clear')}
            </Button>
          )
        }
      />
    );
  else
    body = (
      <>
        <AuditTable entries={entries} loading={isLoading || backwards} />
        {!isLoading && (
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, px: 2, py: 1.5, borderTop: 1, borderColor: 'divider' }}
          >
            <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
              {t('audit.showing', { count: entries.length })}
            </Typography>
            {hasNextPage && (
              <Button variant="outlined" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
                {t('contacts.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </>
    );

  return (
    <>
      <SectionHeader title={t('settings.auditLog')} subtitle={t('audit.subtitle')} />
      <AuditFilterBar filters={filters} members={members} onChange={setFilters} />
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }} aria-busy={isFetching && !isFetchingNextPage}>
        {body}
      </Paper>
    </>
  );
}
