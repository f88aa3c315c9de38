import { useState } from 'react';
import Add from '@mui/icons-material/Add';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import { VisuallyHidden } from '../../../common/components/VisuallyHidden';
import { useToast } from '../../../common/toast/useToast';
import { roleLabelKeys } from '../../access/roleLabels';
import { selectRole } from '../../auth/authSlice';
import { grantableRoles } from '../../members/roleRules';
import { SectionHeader } from '../../settings/SectionHeader';
import { useListApiKeysInfiniteQuery, useRevokeApiKeyMutation, type ApiKey, type ApiKeyStatus } from '../apiKeysApi';
import { CreateApiKeyDialog } from '../components/CreateApiKeyDialog';

const statusColor: Record<ApiKeyStatus, 'success' | 'default' | 'warning'> = { active: 'success', expired: 'warning', revoked: 'default' };
const statusLabel: Record<ApiKeyStatus, MessageKey> = {
  active: 'apiKeys.status.active',
  expired: 'apiKeys.status.expired',
  revoked: 'apiKeys.status.revoked',
};

export function ApiKeysPage() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const role = useAppSelector(selectRole);
  const [showInactive, setShowInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<ApiKey | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const { data, error, isLoading, isFetching, hasNextPage, fetchNextPage, isFetchingNextPage, refetch } = useListApiKeysInfiniteQuery(
    showInactive ? undefined : 'active',
    { refetchOnMountOrArgChange: true },
  );
  const [revoke, revoking] = useRevokeApiKeyMutation();
  const keys = data?.pages.flatMap((page) => page.data) ?? [];
  const none = <span aria-label={t('apiKeys.never')}>—</span>;
  const when = (value: string | null, fallback = none) => (value ? <time dateTime={value}>{formatDate(value)}</time> : fallback);

  const confirmRevoke = async (key: ApiKey) => {
    setDialogError(null);
    const result = await revoke(key.id);
    if ('error' in result) {
      const problem = describeApiError(result.error);
      return setDialogError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
    }
    setPending(null);
    toast({ message: t('apiKeys.revoked', { name: key.name }) });
  };

  const createButton = (
    <Button variant="contained" startIcon={<Add />} onClick={() => setCreating(true)}>
      {t('apiKeys.create')}
    </Button>
  );

  let body;
  if (error && !data)
    body = <QueryError error={error} message={t('apiKeys.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else if (!isLoading && keys.length === 0)
    body = <EmptyState icon={<KeyOutlined />} title={t('apiKeys.emptyTitle')} description={t('apiKeys.emptyBody')} action={createButton} />;
  else
    body = (
      <TableContainer>
        <Table size="small" aria-label={t('settings.apiKeys')} sx={{ minWidth: 680 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('apiKeys.name')}</TableCell>
              <TableCell>{t('members.role')}</TableCell>
              <TableCell>{t('apiKeys.createdBy')}</TableCell>
              <TableCell>{t('apiKeys.lastUsed')}</TableCell>
              <TableCell>{t('apiKeys.expires')}</TableCell>
              <TableCell>{t('apiKeys.status')}</TableCell>
              <TableCell align="right">
                <VisuallyHidden>{t('members.column.actions')}</VisuallyHidden>
              </TableCell>
            </TableRow>
          </TableHead>
          {isLoading ? (
            <TableSkeleton columns={7} rows={3} />
          ) : (
            <TableBody>
              {keys.map((key) => (
                <TableRow key={key.id} data-testid="api-key-row">
                  <TableCell component="th" scope="row" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
                    {key.name}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" label={t(roleLabelKeys[key.role])} />
                  </TableCell>
                  <TableCell>
                    {key.createdBy?.name ?? none}
                    <Typography variant="body2" color="text.secondary">
                      {when(key.createdAt)}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(key.lastUsedAt, <span>{t('apiKeys.neverUsed')}</span>)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(key.expiresAt, <span>{t('apiKeys.expiry.never')}</span>)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={statusColor[key.status]} variant="outlined" label={t(statusLabel[key.status])} />
                  </TableCell>
                  <TableCell align="right">
                    {key.status === 'active' && (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => {
                          setDialogError(null);
                          setPending(key);
                        }}
                        aria-label={t('apiKeys.revokeLabel', { name: key.name })}
                      >
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      </TableContainer>
    );

  return (
    <>
      <SectionHeader title={t('settings.apiKeys')} subtitle={t('apiKeys.subtitle')} actions={createButton} />
      <Stack direction="row" sx={{ justifyContent: 'flex-end', mb: 1 }}>
        <FormControlLabel
          control={<Switch checked={showInactive} onChange={(event) => setShowInactive(event.target.checked)} />}
          label={t('apiKeys.showInactive')}
        />
      </Stack>
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }} aria-busy={isLoading}>
        {body}
        {hasNextPage && (
          <Stack sx={{ p: 1.5, alignItems: 'center', borderTop: 1, borderColor: 'divider' }}>
            <Button variant="outlined" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
              {t('contacts.loadMore')}
            </Button>
          </Stack>
        )}
      </Paper>
      <CreateApiKeyDialog open={creating} roles={grantableRoles(role)} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={pending !== null}
        title={t('apiKeys.revokeTitle', { name: pending?.name ?? '' })}
        description={t('apiKeys.revokeBody')}
        confirmLabel={t('apiKeys.revoke')}
        destructive
        busy={revoking.isLoading}
        error={dialogError}
        onConfirm={() => pending && void confirmRevoke(pending)}
        onClose={() => setPending(null)}
      />
    </>
  );
}
