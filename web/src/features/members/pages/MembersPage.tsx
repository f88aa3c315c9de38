import { useState } from 'react';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { QueryError } from '../../../common/components/QueryError';
import { selectRole, selectWorkspace } from '../../auth/authSlice';
import { usePermission } from '../../access/usePermission';
import { SectionHeader } from '../../settings/SectionHeader';
import { SettingsCard } from '../../settings/SettingsCard';
import { InviteDialog } from '../components/InviteDialog';
import { InvitesCard } from '../components/InvitesCard';
import { MembersTable } from '../components/MembersTable';
import { useListMembersInfiniteQuery } from '../membersApi';
import { grantableRoles } from '../roleRules';
import { useLeaveWorkspace } from '../useLeaveWorkspace';

export function MembersPage() {
  const t = useT();
  const manage = usePermission('members.manage');
  const role = useAppSelector(selectRole);
  const workspace = useAppSelector(selectWorkspace);
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const { leave, isLoading: leaveBusy } = useLeaveWorkspace();
  const { data, error, isLoading, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useListMembersInfiniteQuery(
    undefined,
    { refetchOnMountOrArgChange: true },
  );
  const members = data?.pages.flatMap((page) => page.data) ?? [];
  const roles = grantableRoles(role);

  const inviteButton = manage && (
    <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setInviting(true)}>
      {t('members.invite.open')}
    </Button>
  );

  return (
    <>
      <SectionHeader
        title={t('settings.members')}
        subtitle={manage ? t('members.subtitleManage') : t('members.subtitleRead')}
        actions={inviteButton}
      />
      <SettingsCard title={t('members.listTitle')} testId="members-card">
        {error && !data ? (
          <QueryError error={error} message={t('members.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <>
            <MembersTable
              members={members}
              loading={isLoading}
              manage={manage}
              onLeave={() => {
                setLeaveError(null);
                setLeaving(true);
              }}
            />
            {!isLoading && (
              <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, pt: 1.5, flexWrap: 'wrap' }}>
                <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
                  {t('members.count', { count: members.length })}
                </Typography>
                {hasNextPage && (
                  <Button variant="outlined" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
                    {t('contacts.loadMore')}
                  </Button>
                )}
              </Stack>
            )}
          </>
        )}
      </SettingsCard>
      {manage && <InvitesCard onInvite={() => setInviting(true)} />}
      {manage && <InviteDialog open={inviting} roles={roles} onClose={() => setInviting(false)} />}
      <ConfirmDialog
        open={leaving}
        title={t('members.leaveTitle', { name: workspace?.name ?? '' })}
        description={t('members.leaveBody')}
        confirmLabel={t('members.leave')}
        destructive
        busy={leaveBusy}
        error={leaveError}
        onConfirm={() => {
          void leave(workspace?.name ?? '').then((message) => {
            if (message) setLeaveError(message);
            else setLeaving(false);
          });
        }}
        onClose={() => setLeaving(false)}
      />
    </>
  );
}
