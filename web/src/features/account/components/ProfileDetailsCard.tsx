import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { QueryError } from '../../../common/components/QueryError';
import { roleLabelKeys } from '../../access/roleLabels';
import { SettingsCard } from '../../settings/SettingsCard';
import { useGetMeQuery } from '../accountApi';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      sx={{ gap: { xs: 0.25, sm: 2 }, py: 1, borderBottom: 1, borderColor: 'divider', '&:last-of-type': { borderBottom: 0 } }}
    >
      <Typography component="dt" color="text.secondary" sx={{ width: { sm: 180 }, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography
        component="dd"
        sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere', display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
      >
        {children}
      </Typography>
    </Stack>
  );
}

export function ProfileDetailsCard() {
  const t = useT();
  const { data: me, error, isLoading, isFetching, refetch } = useGetMeQuery();

  let body;
  if (isLoading) body = <Skeleton variant="rounded" height={140} aria-hidden data-testid="profile-skeleton" />;
  else if (!me)
    body = <QueryError error={error} message={t('account.profile.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else
    body = (
      <Stack component="dl" sx={{ m: 0 }}>
        <Row label={t('account.profile.name')}>{me.user.name}</Row>
        <Row label={t('account.profile.email')}>
          <span>{me.user.email}</span>
          <Chip
            size="small"
            variant="outlined"
            color={me.emailVerified ? 'success' : 'warning'}
            label={me.emailVerified ? t('account.profile.verified') : t('account.profile.unverified')}
          />
        </Row>
        <Row label={t('account.profile.workspace')}>{me.workspace.name}</Row>
        <Row label={t('account.profile.role')}>{me.role ? t(roleLabelKeys[me.role]) : t('contacts.none')}</Row>
      </Stack>
    );

  return (
    <SettingsCard title={t('account.profile.details')} description={t('account.profile.detailsHelp')}>
      {body}
    </SettingsCard>
  );
}
