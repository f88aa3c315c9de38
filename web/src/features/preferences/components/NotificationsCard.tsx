import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useT, type MessageKey } from '../../../app/i18n';
import { SettingsCard } from '../../settings/SettingsCard';
import type { NotificationChannel, NotificationTopic, Preferences, PreferencesPatch } from '../types';

const topics: Array<{ topic: NotificationTopic; label: MessageKey; help: MessageKey }> = [
  { topic: 'mentions', label: 'preferences.notify.mentions', help: 'preferences.notify.mentionsHelp' },
  { topic: 'taskReminders', label: 'preferences.notify.taskReminders', help: 'preferences.notify.taskRemindersHelp' },
  { topic: 'approvals', label: 'preferences.notify.approvals', help: 'preferences.notify.approvalsHelp' },
  { topic: 'weeklyDigest', label: 'preferences.notify.weeklyDigest', help: 'preferences.notify.weeklyDigestHelp' },
];
const channels: Array<{ channel: NotificationChannel; label: MessageKey }> = [
  { channel: 'email', label: 'preferences.notify.email' },
  { channel: 'inApp', label: 'preferences.notify.inApp' },
];

interface NotificationsCardProps {
  preferences: Preferences;
  onChange: (patch: PreferencesPatch) => void;
}

/** What to be told about, per channel: a topic × channel grid of switches. */
export function NotificationsCard({ preferences, onChange }: NotificationsCardProps) {
  const t = useT();
  return (
    <SettingsCard title={t('preferences.notifications')} description={t('preferences.notificationsHelp')}>
      <TableContainer>
        <Table size="small" aria-label={t('preferences.notifications')} sx={{ minWidth: 300 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('preferences.notify.topic')}</TableCell>
              {channels.map(({ channel, label }) => (
                <TableCell key={channel} align="center" sx={{ width: 72, px: 0.5 }}>
                  {t(label)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {topics.map(({ topic, label, help }) => (
              <TableRow key={topic}>
                <TableCell component="th" scope="row">
                  <Typography sx={{ fontWeight: 500 }}>{t(label)}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t(help)}
                  </Typography>
                </TableCell>
                {channels.map(({ channel, label: channelLabel }) => (
                  <TableCell key={channel} align="center" sx={{ px: 0.5 }}>
                    <Switch
                      checked={preferences.notifications[channel][topic]}
                      onChange={(event) => onChange({ notifications: { [channel]: { [topic]: event.target.checked } } })}
                      slotProps={{
                        input: { 'aria-label': t('preferences.notify.switchLabel', { topic: t(label), channel: t(channelLabel) }) },
                      }}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </SettingsCard>
  );
}
