import { useState } from 'react';
import MailOutlined from '@mui/icons-material/MailOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import { SectionHeader } from '../../settings/SectionHeader';
import { MessageDialog } from '../components/MessageDialog';
import { categoryLabels, statusColors, statusLabels } from '../labels';
import { useListMessagesInfiniteQuery } from '../messagesApi';

/** The workspace's outgoing email: the dev outbox locally, delivery status with SMTP. */
export function SentEmailsPage() {
  const { t, formatDate } = useI18n();
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error, isLoading, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useListMessagesInfiniteQuery(
    undefined,
    { pollingInterval: 15_000, skipPollingIfUnfocused: true, refetchOnMountOrArgChange: true },
  );
  const messages = data?.pages.flatMap((page) => page.data) ?? [];

  let body;
  if (error && !data)
    body = <QueryError error={error} message={t('outbox.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else if (!isLoading && messages.length === 0)
    body = <EmptyState icon={<MailOutlined />} title={t('outbox.emptyTitle')} description={t('outbox.emptyBody')} />;
  else
    body = (
      <>
        <TableContainer>
          <Table size="small" aria-label={t('settings.emails')} sx={{ minWidth: 760 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ minWidth: 220 }}>{t('outbox.subject')}</TableCell>
                <TableCell>{t('outbox.to')}</TableCell>
                <TableCell>{t('outbox.type')}</TableCell>
                <TableCell>{t('outbox.status')}</TableCell>
                <TableCell>{t('outbox.created')}</TableCell>
              </TableRow>
            </TableHead>
            {isLoading ? (
              <TableSkeleton columns={5} rows={5} />
            ) : (
              <TableBody>
                {messages.map((message) => (
                  <TableRow key={message.id} data-testid="message-row">
                    <TableCell component="th" scope="row">
                      <Link
                        component="button"
                        type="button"
                        onClick={() => setOpenId(message.id)}
                        sx={{ textAlign: 'left', fontWeight: 500 }}
                      >
                        {message.subject}
                      </Link>
                    </TableCell>
                    <TableCell>{message.to}</TableCell>
                    <TableCell>{t(categoryLabels[message.category])}</TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" color={statusColors[message.status]} label={t(statusLabels[message.status])} />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={message.createdAt}>{formatDate(message.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            )}
          </Table>
        </TableContainer>
        {!isLoading && (
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, px: 2, py: 1.5, borderTop: 1, borderColor: 'divider' }}
          >
            <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
              {t('outbox.showing', { count: messages.length })}
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
      <SectionHeader title={t('settings.emails')} subtitle={t('outbox.subtitle')} />
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }} aria-busy={isLoading}>
        {body}
      </Paper>
      <MessageDialog id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
