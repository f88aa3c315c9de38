import { useState, type FormEvent } from 'react';
import Add from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useToast } from '../../../common/toast/useToast';
import { useCreateTaskMutation, type CreateTaskInput } from '../tasksApi';

/** A local date-time input value ("2026-11-22T17:00") as an ISO instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Add a task: title and, optionally, when it is due. Linked to a record when given. */
export function TaskCreateForm({ link }: { link?: Pick<CreateTaskInput, 'contactId' | 'companyId' | 'dealId'> }) {
  const t = useT();
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [createTask, { isLoading }] = useCreateTaskMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t('validation.required', { field: t('tasks.title') }));
    const result = await createTask({ title: title.trim(), dueAt: toInstant(due), ...link });
    if ('error' in result) {
      const info = describeApiError(result.error);
      setError(Object.values(info.fieldErrors)[0] ?? info.detail ?? t('common.error.unexpected'));
      return;
    }
    setTitle('');
    setDue('');
    setError(null);
    toast({ message: t('tasks.created', { title: result.data.title }) });
  };

  return (
    <Stack
      component="form"
      onSubmit={submit}
      noValidate
      direction="row"
      sx={{ gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}
      data-testid="task-create"
    >
      <TextField
        size="small"
        name="taskTitle"
        label={t('tasks.newTitle')}
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          setError(null);
        }}
        error={Boolean(error)}
        helperText={error ?? ' '}
        sx={{ flex: '1 1 220px', minWidth: 0 }}
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
      <TextField
        size="small"
        name="taskDue"
        type="datetime-local"
        label={t('tasks.due')}
        value={due}
        onChange={(e) => setDue(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        sx={{ flex: '0 1 230px', minWidth: 190 }}
      />
      <Button
        type="submit"
        variant="outlined"
        startIcon={<Add />}
        loading={isLoading}
        sx={{ height: 40, flexShrink: 0, whiteSpace: 'nowrap' }}
      >
        {t('tasks.add')}
      </Button>
    </Stack>
  );
}
