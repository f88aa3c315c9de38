import { useState } from 'react';
import Add from '@mui/icons-material/Add';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { useCreatePipelineMutation, useListPipelinesQuery } from '../../records/pipelinesApi';
import { SectionHeader } from '../SectionHeader';
import { PipelineCard } from './PipelineCard';

/** A new pipeline starts with the stages every sales process has; people rename from there. */
function NewPipelineDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [createPipeline, { isLoading }] = useCreatePipelineMutation();
  const submit = async () => {
    if (!name.trim()) return setError(t('validation.required', { field: t('settings.pipelines.name') }));
    const result = await createPipeline({
      name: name.trim(),
      stages: [
        { name: t('settings.pipelines.defaultStage.new'), probability: 10, kind: 'open' },
        { name: t('settings.pipelines.defaultStage.won'), probability: 100, kind: 'won' },
        { name: t('settings.pipelines.defaultStage.lost'), probability: 0, kind: 'lost' },
      ],
    });
    if ('error' in result) return setError(describeApiError(result.error).detail ?? t('common.error.unexpected'));
    toast({ message: t('settings.pipelines.created', { name: name.trim() }) });
    setName('');
    onClose();
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="new-pipeline-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id="new-pipeline-title">{t('settings.pipelines.new')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            label={t('settings.pipelines.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={Boolean(error)}
            helperText={error ?? t('settings.pipelines.newHelp')}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button color="inherit" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={isLoading}>
            {t('settings.pipelines.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Settings → Pipelines: stages added, renamed, reordered, with probability and won/lost kind. */
export function PipelinesPage() {
  const t = useT();
  const { data, error, isLoading, isFetching, refetch } = useListPipelinesQuery();
  const [creating, setCreating] = useState(false);
  const pipelines = [...(data?.data ?? [])].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.position - b.position);
  return (
    <>
      <SectionHeader
        title={t('settings.pipelines')}
        subtitle={t('settings.pipelines.subtitle')}
        actions={
          <Button variant="contained" startIcon={<Add />} onClick={() => setCreating(true)}>
            {t('settings.pipelines.new')}
          </Button>
        }
      />
      {error && !data ? (
        <QueryError error={error} message={t('settings.pipelines.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
      ) : isLoading ? (
        <Skeleton variant="rounded" height={280} />
      ) : pipelines.length === 0 ? (
        <EmptyState
          icon={<AccountTreeOutlined />}
          title={t('settings.pipelines.emptyTitle')}
          description={t('settings.pipelines.emptyBody')}
        />
      ) : (
        pipelines.map((p) => <PipelineCard key={p.id} pipeline={p} />)
      )}
      <NewPipelineDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
