import { useState } from 'react';
import ComputerOutlined from '@mui/icons-material/ComputerOutlined';
import PhoneIphoneOutlined from '@mui/icons-material/PhoneIphoneOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useI18n } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { selectAccessClaims } from '../../auth/authSlice';
import { SettingsCard } from '../../settings/SettingsCard';
import { useListSessionsQuery, useRevokeOtherSessionsMutation, useRevokeSessionMutation } from '../accountApi';
import type { SessionInfo } from '../types';
import { summariseUserAgent } from '../userAgent';

type Pending = { kind: 'one'; session: SessionInfo } | { kind: 'others' } | null;

/** Where the account is signed in; any other session can be ended, one by one or all at once. */
export function SessionsCard() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const currentSessionId = useAppSelector(selectAccessClaims)?.sessionId ?? null;
  const { data: sessions, error, isLoading, isFetching, refetch } = useListSessionsQuery(undefined, { refetchOnMountOrArgChange: true });
  const [revokeOne, revokingOne] = useRevokeSessionMutation();
  const [revokeOthers, revokingOthers] = useRevokeOtherSessionsMutation();
  const [pending, setPending] = useState<Pending>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const isCurrent = (s: SessionInfo) => s.current || (currentSessionId !== null && s.id === currentSessionId);
  const sorted = [...(sessions ?? [])].sort((a, b) => Number(isCurrent(b)) - Number(isCurrent(a)));
  const others = sorted.filter((s) => !isCurrent(s));
  const when = (value: string) => formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });

  const confirm = async () => {
    if (!pending) return;
    setActionError(null);
    const result = pending.kind === 'one' ? await revokeOne(pending.session.id) : await revokeOthers();
    if ('error' in result) {
      const { status } = describeApiError(result.error);
      setActionError(status === null ? t('common.error.network') : t('account.sessions.revokeFailed'));
      return;
    }
    toast({ message: pending.kind === 'one' ? t('account.sessions.revoked') : t('account.sessions.othersRevoked') });
    setPending(null);
  };

  let body;
  if (isLoading) body = <Skeleton variant="rounded" height={120} aria-hidden />;
  else if (!sessions)
    body = <QueryError error={error} message={t('account.sessions.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else
    body = (
      <List disablePadding aria-label={t('account.sessions.title')} data-testid="sessions-list">
        {sorted.map((session) => {
          const device = summariseUserAgent(session.userAgent);
          const mobile = device.os === 'iOS' || device.os === 'Android';
          const label =
            device.browser && device.os
              ? t('account.sessions.device', { browser: device.browser, os: device.os })
              : (device.browser ?? device.os ?? t('account.sessions.unknownDevice'));
          const current = isCurrent(session);
          const details = [
            session.ip ? t('account.sessions.ip', { ip: session.ip }) : null,
            session.lastUsedAt ? t('account.sessions.lastActive', { when: when(session.lastUsedAt) }) : null,
            t('account.sessions.signedIn', { when: when(session.createdAt) }),
          ].filter(Boolean);
          return (
            <ListItem
              key={session.id}
              divider
              sx={{ px: 0, gap: 1, flexWrap: { xs: 'wrap', sm: 'nowrap' }, '&:last-of-type': { borderBottom: 0 } }}
              data-testid="session-row"
            >
              <ListItemIcon sx={{ alignSelf: 'flex-start', mt: 1 }}>{mobile ? <PhoneIphoneOutlined /> : <ComputerOutlined />}</ListItemIcon>
              <ListItemText
                sx={{ flex: 1, minWidth: 0 }}
                primary={
                  <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                    {label}
                    {current && <Chip size="small" color="primary" variant="outlined" label={t('account.sessions.thisDevice')} />}
                  </Box>
                }
                secondary={details.join(' · ')}
              />
              {!current && (
                <Button
                  size="small"
                  color="error"
                  onClick={() => setPending({ kind: 'one', session })}
                  aria-label={t('account.sessions.revokeLabel', { device: label })}
                >
                  {t('account.sessions.revoke')}
                </Button>
              )}
            </ListItem>
          );
        })}
      </List>
    );

  return (
    <SettingsCard
      title={t('account.sessions.title')}
      description={t('account.sessions.help')}
      aside={
        others.length > 0 && (
          <Button variant="outlined" color="error" onClick={() => setPending({ kind: 'others' })}>
            {t('account.sessions.revokeOthers')}
          </Button>
        )
      }
    >
      {body}
      {sessions && others.length === 0 && (
        <Stack sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('account.sessions.onlyThis')}
          </Typography>
        </Stack>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'others' ? t('account.sessions.revokeOthersTitle') : t('account.sessions.revokeTitle')}
        description={
          pending?.kind === 'others' ? t('account.sessions.revokeOthersBody', { count: others.length }) : t('account.sessions.revokeBody')
        }
        confirmLabel={pending?.kind === 'others' ? t('account.sessions.revokeOthers') : t('account.sessions.revoke')}
        destructive
        busy={revokingOne.isLoading || revokingOthers.isLoading}
        error={actionError}
        onConfirm={() => void confirm()}
        onClose={() => {
          setPending(null);
          setActionError(null);
        }}
      />
    </SettingsCard>
  );
}
