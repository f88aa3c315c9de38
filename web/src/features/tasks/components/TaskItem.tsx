import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { useToast } from '../../../common/toast/useToast';
import { describeApiError } from '../../../api/problem';
import { useSetTaskDoneMutation, type Task } from '../tasksApi';

const isOverdue = (task: Task, now: number) => !task.done && task.dueAt !== null && Date.parse(task.dueAt) < now;

/** One task: complete it with one click (optimistic), see when it is due and what it is about. */
export function TaskItem({ task, showLink = false, canWrite }: { task: Task; showLink?: boolean; canWrite: boolean }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [setDone] = useSetTaskDoneMutation();
  const overdue = isOverdue(task, Date.now());
  const link = task.contactId
    ? { to: `/contacts/${task.contactId}`, label: t('tasks.openContact') }
    : task.companyId
      ? { to: `/companies/${task.companyId}`, label: t('tasks.openCompany') }
      : task.dealId
        ? { to: `/deals/${task.dealId}`, label: t('tasks.openDeal') }
        : null;

  const toggle = async () => {
    const result = await setDone({ id: task.id, done: !task.done });
    if ('error' in result) toast({ message: describeApiError(result.error).detail ?? t('tasks.updateFailed'), severity: 'error' });
    else if (!task.done)
      toast({
        message: t('tasks.completed', { title: task.title }),
        action: { label: t('tasks.undo'), onClick: () => void setDone({ id: task.id, done: false }) },
      });
  };

  return (
    <Box
      component="li"
      sx={{
        display: 'flex',
        alignItems: 'flex-start',
        gap: 1,
        py: 1,
        borderTop: 1,
        borderColor: 'divider',
        '&:first-of-type': { borderTop: 0 },
      }}
      data-testid="task-item"
    >
      <Checkbox
        checked={task.done}
        onChange={() => void toggle()}
        disabled={!canWrite}
        slotProps={{
          input: {
            'aria-label': task.done ? t('tasks.reopenLabel', { title: task.title }) : t('tasks.completeLabel', { title: task.title }),
          },
        }}
        sx={{ mt: -0.75 }}
      />
      <Box sx={{ minWidth: 0, flex: 1 }}>
        <Typography
          sx={{
            textDecoration: task.done ? 'line-through' : 'none',
            color: task.done ? 'text.secondary' : 'text.primary',
            overflowWrap: 'anywhere',
          }}
        >
          {task.title}
        </Typography>
        {task.notes && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {task.notes}
          </Typography>
        )}
        <Typography variant="caption" color={overdue ? 'error' : 'text.secondary'} component="p">
          {task.done && task.completedAt
            ? t('tasks.doneAt', { date: formatDate(task.completedAt, { dateStyle: 'medium', timeStyle: 'short' }) })
            : task.dueAt
              ? overdue
                ? t('tasks.overdueSince', { date: formatDate(task.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })
                : t('tasks.dueAt', { date: formatDate(task.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })
              : t('tasks.noDue')}
          {showLink && link && (
            <>
              {' · '}
              <Link component={RouterLink} to={link.to}>
                {link.label}
              </Link>
            </>
          )}
        </Typography>
      </Box>
    </Box>
  );
}
