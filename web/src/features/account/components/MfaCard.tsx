import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import { useT } from '../../../app/i18n';
import { QueryError } from '../../../common/components/QueryError';
import { SettingsCard } from '../../settings/SettingsCard';
import { useGetMeQuery, useGetMfaStatusQuery } from '../accountApi';
import { MfaDisableDialog } from './MfaDisableDialog';
import { MfaEnrolDialog } from './MfaEnrolDialog';
import { RegenerateCodesDialog } from './RegenerateCodesDialog';

type Dialog = 'enrol' | 'disable' | 'codes' | null;

/** Two-factor authentication: status, set up, new recovery codes, turn off. */
export function MfaCard() {
  const t = useT();
  const { data: me, error, isLoading, isFetching, refetch } = useGetMeQuery();
  const { data: status } = useGetMfaStatusQuery();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const enabled = status?.enabled ?? me?.mfaEnabled ?? false;
  const hasPassword = me?.hasPassword ?? true;
  const remaining = enabled ? status?.recoveryCodesRemaining : undefined;

  let body;
  if (isLoading) body = <Skeleton variant="rounded" height={40} width={240} aria-hidden />;
  else if (!me)
    body = <QueryError error={error} message={t('account.profile.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else if (enabled)
    body = (
      <Stack sx={{ gap: 2 }}>
        {remaining !== undefined && (
          <Alert severity={remaining <= 3 ? 'warning' : 'info'} variant="outlined">
            {t('account.mfa.codesRemaining', { count: remaining })}
          </Alert>
        )}
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1 }}>
          <Button variant="outlined" onClick={() => setDialog('codes')}>
            {t('account.mfa.regenerate')}
          </Button>
          <Button variant="outlined" color="error" onClick={() => setDialog('disable')}>
            {t('account.mfa.disable')}
          </Button>
        </Stack>
      </Stack>
    );
  else
    body = (
      <Button variant="contained" onClick={() => setDialog('enrol')}>
        {t('account.mfa.setUp')}
      </Button>
    );

  return (
    <SettingsCard
      title={t('account.mfa.title')}
      description={enabled ? t('account.mfa.onHelp') : t('account.mfa.offHelp')}
      testId="mfa-card"
      aside={
        me && (
          <Chip
            size="small"
            color={enabled ? 'success' : 'default'}
            variant="outlined"
            label={enabled ? t('account.mfa.on') : t('account.mfa.off')}
            data-testid="mfa-status"
          />
        )
      }
    >
      {body}
      <MfaEnrolDialog open={dialog === 'enrol'} account={me?.user.email ?? ''} onClose={close} />
      <MfaDisableDialog open={dialog === 'disable'} hasPassword={hasPassword} onClose={close} />
      <RegenerateCodesDialog open={dialog === 'codes'} account={me?.user.email ?? ''} hasPassword={hasPassword} onClose={close} />
    </SettingsCard>
  );
}
