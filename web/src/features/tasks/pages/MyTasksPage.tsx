import { useMemo, useState } from 'react';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useI18n } from '../../../app/i18n';
import { EmptyState } from '../../../common/components/EmptyState';
import { PageHeader } from '../../../common/components/PageHeader';
import { QueryError } from '../../../common/components/QueryError';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { usePermission } from '../../access/usePermission';
import { TaskCreateForm } from '../components/TaskCreateForm';
import { TaskItem } from '../components/TaskItem';
import { groupOpenTasks } from '../groupTasks';
import { useListTasksInfiniteQuery } from '../tasksApi';

type Bucket = 'overdue' | 'today' | 'upcoming' | 'done';

/** My tasks: overdue, today, upcoming and done; one click completes. */
export function MyTasksPage() {
  const { t, timeZone } = useI18n();
  useDocumentTitle(t('tasks.myTitle'));
  const canWrite = usePermission('records.write');
  const [bucket, setBucket] = useState<Bucket | null>(null);
  const open = useListTasksInfiniteQuery({ assigneeId: 'me', done: false });
  const done = useListTasksInfiniteQuery({ assigneeId: 'me', done: true }, { skip: bucket !== 'done' });
  const openTasks = useMemo(() => open.data?.pages.flatMap((p) => p.data) ?? [], [open.data]);
  const groups = useMemo(() => groupOpenTasks(openTasks, new Date(), timeZone), [openTasks, timeZone]);
  // Land on the most urgent list that has something in it.
  const current: Bucket =
    bucket ?? (groups.overdue.length ? 'overdue' : groups.today.length || !groups.upcoming.length ? 'today' : 'upcoming');
  const query = current === 'done' ? done : open;
  const tasks = current === 'done' ? (done.data?.pages.flatMap((p) => p.data) ?? []) : groups[current];

  const emptyKey = {
    overdue: 'tasks.empty.overdue',
    today: 'tasks.empty.today',
    upcoming: 'tasks.empty.upcoming',
    done: 'tasks.empty.done',
  } as const;
  const count = (b: Exclude<Bucket, 'done'>) => (open.isLoading ? '' : ` (${groups[b].length}${open.hasNextPage ? '+' : ''})`);

  return (
    <>
      <PageHeader title={t('tasks.myTitle')} subtitle={t('tasks.mySubtitle')} />
      {canWrite && (
        <Paper variant="outlined" sx={{ borderRadius: 3, p: 2, mb: 2 }}>
          <TaskCreateForm />
        </Paper>
      )}
      <Paper variant="outlined" sx={{ borderRadius: 3, overflow: 'hidden' }}>
        <Tabs
          value={current}
          onChange={(_e, v: Bucket) => setBucket(v)}
          variant="scrollable"
          allowScrollButtonsMobile
          aria-label={t('tasks.buckets')}
          sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
        >
          <Tab value="overdue" label={`${t('tasks.bucket.overdue')}${count('overdue')}`} />
          <Tab value="today" label={`${t('tasks.bucket.today')}${count('today')}`} />
          <Tab value="upcoming" label={`${t('tasks.bucket.upcoming')}${count('upcoming')}`} />
          <Tab value="done" label={t('tasks.bucket.done')} />
        </Tabs>
        <Box sx={{ p: { xs: 1.5, sm: 2 } }} role="tabpanel" aria-label={t(`tasks.bucket.${current}`)}>
          {query.error && !query.data ? (
            <QueryError
              error={query.error}
              message={t('tasks.loadError')}
              onRetry={() => void query.refetch()}
              retrying={query.isFetching}
            />
          ) : query.isLoading ? (
            [0, 1, 2].map((i) => <Skeleton key={i} variant="rounded" height={44} sx={{ mb: 1 }} />)
          ) : tasks.length === 0 ? (
            <EmptyState
              icon={<TaskAltOutlined />}
              title={t(emptyKey[current])}
              description={canWrite ? t('tasks.empty.hint') : undefined}
            />
          ) : (
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {tasks.map((task) => (
                <TaskItem key={task.id} task={task} showLink canWrite={canWrite} />
              ))}
            </Box>
          )}
          {query.hasNextPage && (
            <Button variant="outlined" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} sx={{ mt: 1 }}>
              {t('tasks.loadMore')}
            </Button>
          )}
        </Box>
      </Paper>
    </>
  );
}
