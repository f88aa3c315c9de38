import { useState } from 'react';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Skeleton from '@mui/material/Skeleton';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { QueryError } from '../../../common/components/QueryError';
import { usePermission } from '../../access/usePermission';
import { linkParam } from '../../records/activitiesApi';
import { SectionCard } from '../../records/components/SectionCard';
import type { RecordObject } from '../../records/types';
import { useListTasksInfiniteQuery } from '../tasksApi';
import { TaskCreateForm } from './TaskCreateForm';
import { TaskItem } from './TaskItem';

/** A record's tasks: open ones first, completed ones on request; add and complete in place. */
export function RecordTasks({ object, id }: { object: RecordObject; id: string }) {
  const t = useT();
  const canWrite = usePermission('records.write');
  const [showDone, setShowDone] = useState(false);
  const link = { [linkParam[object]]: id };
  const { data, error, isLoading, isFetching, refetch } = useListTasksInfiniteQuery({ ...link, ...(showDone ? {} : { done: false }) });
  const tasks = data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <SectionCard
      title={t('tasks.title')}
      testId="record-tasks"
      action={
        <FormControlLabel
          control={<Switch size="small" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} />}
          label={t('tasks.showDone')}
        />
      }
    >
      {canWrite && <TaskCreateForm link={link} />}
      {error && !data ? (
        <QueryError error={error} message={t('tasks.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
      ) : isLoading ? (
        <Skeleton variant="rounded" height={40} />
      ) : tasks.length === 0 ? (
        <Typography color="text.secondary">{t('tasks.noneForRecord')}</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} canWrite={canWrite} />
          ))}
        </Box>
      )}
    </SectionCard>
  );
}
