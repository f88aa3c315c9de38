import { useId, useState, type FormEvent } from 'react';
import CallOutlined from '@mui/icons-material/CallOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import MailOutlined from '@mui/icons-material/MailOutlined';
import StickyNote2Outlined from '@mui/icons-material/StickyNote2Outlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import { linkParam, useListActivitiesInfiniteQuery, useLogActivityMutation, type Activity, type ActivityType } from '../activitiesApi';
import type { RecordObject } from '../types';
import { useMembers } from '../useMemberNames';
import { SectionCard } from './SectionCard';

const icons: Record<ActivityType, typeof CallOutlined> = {
  note: StickyNote2Outlined,
  call: CallOutlined,
  meeting: EventOutlined,
  email: MailOutlined,
};
const outcomes = ['connected', 'leftVoicemail', 'noAnswer', 'busy', 'wrongNumber'];

/** "Log note / Log call": two clicks and a sentence. */
export function LogActivityForm({ object, id, initialType = 'note' }: { object: RecordObject; id: string; initialType?: 'note' | 'call' }) {
  const { t } = useI18n();
  const toast = useToast();
  const formId = useId();
  const [type, setType] = useState<'note' | 'call'>(initialType);
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState('');
  const [duration, setDuration] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [logActivity, { isLoading }] = useLogActivityMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim() && type === 'note') return setError(t('timeline.noteRequired'));
    const result = await logActivity({
      type,
      body: body.trim() || undefined,
      ...(type === 'call' && outcome && { outcome }),
      ...(type === 'call' && duration && { durationMinutes: Number(duration) }),
      [linkParam[object]]: id,
    });
    if ('error' in result) {
      const info = describeApiError(result.error);
      setError(Object.values(info.fieldErrors)[0] ?? info.detail ?? t('common.error.unexpected'));
      return;
    }
    setBody('');
    setOutcome('');
    setDuration('');
    setError(null);
    toast({ message: type === 'note' ? t('timeline.noteLogged') : t('timeline.callLogged') });
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={`${formId}-tabs`} data-testid="log-activity">
      <Tabs
        id={`${formId}-tabs`}
        value={type}
        onChange={(_e, v: 'note' | 'call') => setType(v)}
        aria-label={t('timeline.logLabel')}
        sx={{ minHeight: 40, mb: 1.5, '& .MuiTab-root': { minHeight: 40 } }}
      >
        <Tab value="note" label={t('timeline.logNote')} icon={<StickyNote2Outlined fontSize="small" />} iconPosition="start" />
        <Tab value="call" label={t('timeline.logCall')} icon={<CallOutlined fontSize="small" />} iconPosition="start" />
      </Tabs>
      <TextField
        name="activityBody"
        multiline
        minRows={2}
        fullWidth
        label={type === 'note' ? t('timeline.note') : t('timeline.callNotes')}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          setError(null);
        }}
        error={Boolean(error)}
        helperText={error ?? ' '}
        slotProps={{ htmlInput: { maxLength: 10000 } }}
      />
      {type === 'call' && (
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, mb: 1.5 }}>
          <TextField
            select
            size="small"
            label={t('timeline.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            sx={{ minWidth: 200 }}
          >
            <MenuItem value="">
              <em>{t('timeline.outcome.none')}</em>
            </MenuItem>
            {outcomes.map((o) => (
              <MenuItem key={o} value={o}>
                {t(`timeline.outcome.${o}` as MessageKey)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            type="number"
            label={t('timeline.duration')}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            slotProps={{ htmlInput: { min: 0, max: 1440 } }}
          />
        </Stack>
      )}
      <Button type="submit" variant="contained" loading={isLoading}>
        {type === 'note' ? t('timeline.saveNote') : t('timeline.saveCall')}
      </Button>
    </Box>
  );
}

function ActivityItem({ activity }: { activity: Activity }) {
  const { t, formatDate } = useI18n();
  const { nameOf } = useMembers();
  const Icon = icons[activity.type] ?? StickyNote2Outlined;
  const author = nameOf(activity.createdBy);
  return (
    <Box
      component="li"
      sx={{ display: 'flex', gap: 1.5, py: 1.5, borderTop: 1, borderColor: 'divider', '&:first-of-type': { borderTop: 0 } }}
      data-testid="timeline-item"
    >
      <Box
        aria-hidden
        sx={{
          width: 32,
          height: 32,
          flexShrink: 0,
          borderRadius: '50%',
          display: 'grid',
          placeItems: 'center',
          bgcolor: 'action.hover',
          color: 'primary.main',
        }}
      >
        <Icon fontSize="small" />
      </Box>
      <Box sx={{ minWidth: 0, flex: 1 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {activity.subject || t(`timeline.type.${activity.type}` as MessageKey)}
          {activity.outcome && ` · ${t(`timeline.outcome.${activity.outcome}` as MessageKey)}`}
          {activity.durationMinutes ? ` · ${t('timeline.minutes', { count: activity.durationMinutes })}` : ''}
        </Typography>
        {activity.body && (
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', mt: 0.25 }}>
            {activity.body}
          </Typography>
        )}
        <Typography variant="caption" color="text.secondary">
          <time dateTime={activity.occurredAt}>{formatDate(activity.occurredAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
          {author && ` · ${author}`}
        </Typography>
      </Box>
    </Box>
  );
}

/** The record's activities, newest first, with "Load more". */
export function Timeline({ object, id }: { object: RecordObject; id: string }) {
  const { t } = useI18n();
  const canWrite = usePermission('records.write');
  const { data, error, isLoading, isFetching, hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = useListActivitiesInfiniteQuery({
    object,
    id,
  });
  const activities = data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <SectionCard title={t('timeline.title')} testId="timeline">
      {canWrite && (
        <Box sx={{ mb: 2 }}>
          <LogActivityForm object={object} id={id} />
        </Box>
      )}
      {error && !data ? (
        <QueryError error={error} message={t('timeline.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
      ) : isLoading ? (
        <Stack sx={{ gap: 1 }} aria-hidden>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} variant="rounded" height={48} />
          ))}
        </Stack>
      ) : activities.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {canWrite ? t('timeline.emptyWrite') : t('timeline.empty')}
        </Typography>
      ) : (
        <>
          <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={t('timeline.listLabel')}>
            {activities.map((a) => (
              <ActivityItem key={a.id} activity={a} />
            ))}
          </Box>
          {hasNextPage && (
            <Button variant="outlined" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} sx={{ mt: 1 }}>
              {t('timeline.loadMore')}
            </Button>
          )}
        </>
      )}
    </SectionCard>
  );
}
