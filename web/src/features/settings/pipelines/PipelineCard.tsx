import { useState } from 'react';
import Add from '@mui/icons-material/Add';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { useToast } from '../../../common/toast/useToast';
import {
  useCreateStageMutation,
  useDeletePipelineMutation,
  useDeleteStageMutation,
  useUpdatePipelineMutation,
  useUpdateStageMutation,
  type Pipeline,
  type Stage,
  type StageKind,
} from '../../records/pipelinesApi';
import { SettingsCard } from '../SettingsCard';

const kinds: StageKind[] = ['open', 'won', 'lost'];

function useReport() {
  const t = useT();
  const toast = useToast();
  return (result: { error?: unknown }, success?: string) => {
    if ('error' in result && result.error)
      toast({ message: describeApiError(result.error).detail ?? t('common.error.unexpected'), severity: 'error' });
    else if (success) toast({ message: success });
  };
}

function StageRow({ pipeline, stage, index, count }: { pipeline: Pipeline; stage: Stage; index: number; count: number }) {
  const t = useT();
  const report = useReport();
  const [name, setName] = useState(stage.name);
  const [probability, setProbability] = useState(String(stage.probability));
  const [confirming, setConfirming] = useState(false);
  const [updateStage] = useUpdateStageMutation();
  const [deleteStage, deleting] = useDeleteStageMutation();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const ids = { pipelineId: pipeline.id, stageId: stage.id };

  const saveName = async () => {
    if (!name.trim() || name.trim() === stage.name) return setName(stage.name);
    report(await updateStage({ ...ids, name: name.trim() }), t('settings.pipelines.stageRenamed', { name: name.trim() }));
  };
  const saveProbability = async () => {
    const value = Number(probability);
    if (!Number.isInteger(value) || value < 0 || value > 100) return setProbability(String(stage.probability));
    if (value !== stage.probability) report(await updateStage({ ...ids, probability: value }));
  };
  const remove = async () => {
    const result = await deleteStage(ids);
    if ('error' in result) {
      const info = describeApiError(result.error);
      return setDeleteError(info.status === 409 ? t('settings.pipelines.stageInUse') : (info.detail ?? t('common.error.unexpected')));
    }
    setConfirming(false);
    report(result, t('settings.pipelines.stageDeleted', { name: stage.name }));
  };

  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      sx={{ gap: 1, alignItems: { sm: 'center' }, py: 1, borderTop: 1, borderColor: 'divider' }}
      data-testid="stage-row"
    >
      <TextField
        size="small"
        label={t('settings.pipelines.stageName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => void saveName()}
        sx={{ flex: 1 }}
        slotProps={{ htmlInput: { maxLength: 100 } }}
      />
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          size="small"
          type="number"
          label={t('settings.pipelines.probability')}
          value={probability}
          onChange={(e) => setProbability(e.target.value)}
          onBlur={() => void saveProbability()}
          sx={{ width: 120 }}
          slotProps={{ htmlInput: { min: 0, max: 100 } }}
        />
        <TextField
          size="small"
          select
          label={t('settings.pipelines.kind')}
          value={stage.kind}
          onChange={async (e) => report(await updateStage({ ...ids, kind: e.target.value as StageKind }))}
          sx={{ width: 120 }}
        >
          {kinds.map((k) => (
            <MenuItem key={k} value={k}>
              {t(`settings.pipelines.kind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <IconButton
          size="small"
          disabled={index === 0}
          onClick={async () => report(await updateStage({ ...ids, position: index - 1 }))}
          aria-label={t('settings.pipelines.moveUp', { name: stage.name })}
        >
          <ArrowUpward fontSize="small" />
        </IconButton>
        <IconButton
          size="small"
          disabled={index === count - 1}
          onClick={async () => report(await updateStage({ ...ids, position: index + 1 }))}
          aria-label={t('settings.pipelines.moveDown', { name: stage.name })}
        >
          <ArrowDownward fontSize="small" />
        </IconButton>
        <IconButton size="small" onClick={() => setConfirming(true)} aria-label={t('settings.pipelines.deleteStage', { name: stage.name })}>
          <DeleteOutline fontSize="small" />
        </IconButton>
      </Stack>
      <ConfirmDialog
        open={confirming}
        title={t('settings.pipelines.deleteStageTitle', { name: stage.name })}
        description={t('settings.pipelines.deleteStageBody')}
        confirmLabel={t('settings.pipelines.delete')}
        destructive
        busy={deleting.isLoading}
        error={deleteError}
        onConfirm={() => void remove()}
        onClose={() => {
          setConfirming(false);
          setDeleteError(null);
        }}
      />
    </Stack>
  );
}

/** One pipeline: its name, whether it is the default, and its ordered stages. */
export function PipelineCard({ pipeline }: { pipeline: Pipeline }) {
  const t = useT();
  const report = useReport();
  const [name, setName] = useState(pipeline.name);
  const [newStage, setNewStage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [updatePipeline] = useUpdatePipelineMutation();
  const [deletePipeline, deleting] = useDeletePipelineMutation();
  const [createStage, creatingStage] = useCreateStageMutation();
  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);

  const rename = async () => {
    if (!name.trim() || name.trim() === pipeline.name) return setName(pipeline.name);
    report(await updatePipeline({ id: pipeline.id, name: name.trim() }), t('settings.pipelines.renamed', { name: name.trim() }));
  };
  const addStage = async () => {
    if (!newStage.trim()) return;
    const result = await createStage({ pipelineId: pipeline.id, name: newStage.trim(), probability: 50, kind: 'open' });
    report(result, t('settings.pipelines.stageAdded', { name: newStage.trim() }));
    if (!('error' in result)) setNewStage('');
  };
  const remove = async () => {
    const result = await deletePipeline(pipeline.id);
    if ('error' in result) {
      const info = describeApiError(result.error);
      return setDeleteError(info.status === 409 ? t('settings.pipelines.pipelineInUse') : (info.detail ?? t('common.error.unexpected')));
    }
    setConfirming(false);
    report(result, t('settings.pipelines.deleted', { name: pipeline.name }));
  };

  return (
    <SettingsCard
      title={pipeline.name}
      testId="pipeline-card"
      aside={
        pipeline.isDefault ? (
          <Chip size="small" label={t('settings.pipelines.default')} color="primary" variant="outlined" />
        ) : (
          <Stack direction="row" sx={{ gap: 1 }}>
            <Button size="small" onClick={async () => report(await updatePipeline({ id: pipeline.id, isDefault: true }))}>
              {t('settings.pipelines.makeDefault')}
            </Button>
            <Button size="small" color="error" onClick={() => setConfirming(true)}>
              {t('settings.pipelines.delete')}
            </Button>
          </Stack>
        )
      }
    >
      <TextField
        size="small"
        label={t('settings.pipelines.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => void rename()}
        sx={{ mb: 1.5, maxWidth: 360 }}
        fullWidth
      />
      <Box>
        {stages.map((stage, index) => (
          <StageRow
            key={`${stage.id}-${stage.name}-${stage.probability}`}
            pipeline={pipeline}
            stage={stage}
            index={index}
            count={stages.length}
          />
        ))}
      </Box>
      <Stack
        component="form"
        direction="row"
        sx={{ gap: 1, pt: 1.5, borderTop: 1, borderColor: 'divider' }}
        onSubmit={(e) => {
          e.preventDefault();
          void addStage();
        }}
      >
        <TextField
          size="small"
          label={t('settings.pipelines.newStage')}
          value={newStage}
          onChange={(e) => setNewStage(e.target.value)}
          sx={{ flex: 1, maxWidth: 360 }}
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <Button type="submit" startIcon={<Add />} loading={creatingStage.isLoading} disabled={!newStage.trim()}>
          {t('settings.pipelines.addStage')}
        </Button>
      </Stack>
      <ConfirmDialog
        open={confirming}
        title={t('settings.pipelines.deleteTitle', { name: pipeline.name })}
        description={t('settings.pipelines.deleteBody')}
        confirmLabel={t('settings.pipelines.delete')}
        destructive
        busy={deleting.isLoading}
        error={deleteError}
        onConfirm={() => void remove()}
        onClose={() => {
          setConfirming(false);
          setDeleteError(null);
        }}
      />
    </SettingsCard>
  );
}
