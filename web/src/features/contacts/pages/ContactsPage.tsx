import { useState } from 'react';
import Add from '@mui/icons-material/Add';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { EmptyState } from '../../../common/components/EmptyState';
import { ErrorState } from '../../../common/components/ErrorState';
import { PageHeader } from '../../../common/components/PageHeader';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { describeApiError } from '../../../api/problem';
import { usePermission } from '../../access/usePermission';
import { ContactCreateDialog } from '../components/ContactCreateDialog';
import { ContactsTable } from '../components/ContactsTable';
import { useListContactsInfiniteQuery } from '../contactsApi';

export function ContactsPage() {
  const t = useT();
  useDocumentTitle(t('contacts.title'));
  const canCreate = usePermission('records.write');
  const [creating, setCreating] = useState(false);
  const { data, error, isLoading, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useListContactsInfiniteQuery();

  const contacts = data?.pages.flatMap((page) => page.data) ?? [];
  const openCreate = () => setCreating(true);
  const createButton = canCreate && (
    <Button variant="contained" startIcon={<Add />} onClick={openCreate}>
      {t('contacts.create')}
    </Button>
  );

  const failed = Boolean(error) && !data;
  const showEmpty = !isLoading && !failed && contacts.length === 0;
  let body;
  if (failed) {
    const info = describeApiError(error);
    body = (
      <Box sx={{ p: 2 }}>
        <ErrorState
          message={info.status === null ? t('common.error.network') : t('contacts.loadError')}
          onRetry={() => void refetch()}
          retrying={isFetching}
        />
      </Box>
    );
  } else if (showEmpty) {
    body = (
      <EmptyState
        icon={<PersonAddAlt1Outlined />}
        title={t('contacts.empty.title')}
        description={canCreate ? t('contacts.empty.body') : t('contacts.empty.readOnly')}
        action={createButton}
      />
    );
  } else {
    body = (
      <ContactsTable
        contacts={contacts}
        loading={isLoading}
        footer={
          !isLoading && (
            <Stack
              direction={{ xs: 'column', sm: 'row' }}
              sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, px: 2, py: 1.5, borderTop: 1, borderColor: 'divider' }}
            >
              <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
                {hasNextPage ? t('contacts.showing', { count: contacts.length }) : t('contacts.showingAll', { count: contacts.length })}
              </Typography>
              {hasNextPage && (
                <Button variant="outlined" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
                  {t('contacts.loadMore')}
                </Button>
              )}
            </Stack>
          )
        }
      />
    );
  }

  return (
    <>
      <PageHeader title={t('contacts.title')} actions={showEmpty ? undefined : createButton} />
      <Paper
        variant="outlined"
        sx={{
          borderRadius: 3,
          overflow: 'hidden',
          '&:has(.contacts-scroll:focus-visible)': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
        }}
        aria-busy={isLoading}
      >
        {body}
      </Paper>
      {canCreate && <ContactCreateDialog open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
