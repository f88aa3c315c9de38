import { useState } from 'react';
import MailOutlined from '@mui/icons-material/MailOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import { VisuallyHidden } from '../../../common/components/VisuallyHidden';
import { waitMessage } from '../../../common/forms/useRateLimit';
import { useToast } from '../../../common/toast/useToast';
import { roleLabelKeys } from '../../access/roleLabels';
import { SettingsCard } from '../../settings/SettingsCard';
import { useListInvitesQuery, useResendInviteMutation, useRevokeInviteMutation } from '../membersApi';
import type { Invite } from '../types';
import { deliveryMessageKey } from './InviteDialog';

/** Open invites: who was asked, with which role, until when; resend or revoke. */
export function InvitesCard({ onInvite }: { onInvite: () => void }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const { data, error, isLoading, isFetching, refetch } = useListInvitesQuery(undefined, { refetchOnMountOrArgChange: true });
  const [resend] = useResendInviteMutation();
  const [revoke, revoking] = useRevokeInviteMutation();
  const [resendingId, setResendingId] = useState<string | null>(null);
  const [pending, setPending] = useState<Invite | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const invites = data?.data ?? [];

  const resendInvite = async (invite: Invite) => {
    setResendingId(invite.id);
    const result = await resend(invite.id);
    setResendingId(null);
    if ('data' in result && result.data) {
      const warning = deliveryMessageKey(result.data.emailDelivery);
      toast(
        warning
          ? { severity: 'warning', message: t(warning, { email: invite.email }) }
          : { message: t('members.invite.resent', { email: invite.email }) },
      );
      return;
    }
    const problem = describeApiError(result.error);
    toast({
      severity: 'error',
      message:
        problem.status === 429
          ? waitMessage(t, problem.retryAfterSeconds)
          : problem.status === null
            ? t('common.error.network')
            : (problem.detail ?? t('common.error.unexpected')),
    });
  };

  const confirmRevoke = async (invite: Invite) => {
    setDialogError(null);
    const result = await revoke(invite.id);
    if ('error' in result) {
      const problem = describeApiError(result.error);
      setDialogError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')));
      return;
    }
    setPending(null);
    toast({ message: t('members.invite.revoked', { email: invite.email }) });
  };

  let body;
  if (error && !data)
    body = <QueryError error={error} message={t('members.invite.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else if (!isLoading && invites.length === 0)
    body = (
      <EmptyState
        icon={<MailOutlined />}
        headingLevel="h3"
        title={t('members.invite.emptyTitle')}
        description={t('members.invite.emptyBody')}
        action={
          <Button variant="outlined" onClick={onInvite}>
            {t('members.invite.open')}
          </Button>
        }
      />
    );
  else
    body = (
      <TableContainer>
        <Table size="small" aria-label={t('members.invite.tableLabel')} sx={{ minWidth: 560 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('auth.email')}</TableCell>
              <TableCell>{t('members.role')}</TableCell>
              <TableCell>{t('members.invite.expires')}</TableCell>
              <TableCell align="right">
                <VisuallyHidden>{t('members.column.actions')}</VisuallyHidden>
              </TableCell>
            </TableRow>
          </TableHead>
          {isLoading ? (
            <TableSkeleton columns={4} rows={2} />
          ) : (
            <TableBody>
              {invites.map((invite) => (
                <TableRow key={invite.id} data-testid="invite-row">
                  <TableCell component="th" scope="row">
                    <Typography sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{invite.email}</Typography>
                    {invite.invitedBy?.name && (
                      <Typography variant="body2" color="text.secondary">
                        {t('members.invite.by', { name: invite.invitedBy.name })}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" label={t(roleLabelKeys[invite.role])} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={invite.expiresAt}>{formatDate(invite.expiresAt)}</time>
                  </TableCell>
                  <TableCell align="right">
                    <Stack direction="row" sx={{ gap: 1, justifyContent: 'flex-end' }}>
                      <Button
                        size="small"
                        loading={resendingId === invite.id}
                        onClick={() => void resendInvite(invite)}
                        aria-label={t('members.invite.resendLabel', { email: invite.email })}
                      >
                        {t('members.invite.resend')}
                      </Button>
                      <Button
                        size="small"
                        color="error"
                        onClick={() => {
                          setDialogError(null);
                          setPending(invite);
                        }}
                        aria-label={t('members.invite.revokeLabel', { email: invite.email })}
                      >
                        {t('members.invite.revoke')}
                      </Button>
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      </TableContainer>
    );

  return (
    <SettingsCard title={t('members.invite.pendingTitle')} description={t('members.invite.pendingHelp')} testId="invites-card">
      {body}
      <ConfirmDialog
        open={pending !== null}
        title={t('members.invite.revokeTitle')}
        description={t('members.invite.revokeBody', { email: pending?.email ?? '' })}
        confirmLabel={t('members.invite.revoke')}
        destructive
        busy={revoking.isLoading}
        error={dialogError}
        onConfirm={() => pending && void confirmRevoke(pending)}
        onClose={() => setPending(null)}
      />
    </SettingsCard>
  );
}
