import { useEffect, useId, useState } from 'react';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import LocalOfferOutlined from '@mui/icons-material/LocalOfferOutlined';
import PersonOutline from '@mui/icons-material/PersonOutlined';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppDispatch } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { baseApi } from '../../../api/baseApi';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import type { Member } from '../../members/types';
import { useBulkRecordsMutation, useGetBulkJobQuery } from '../recordsApi';
import type { BulkRequest, FilterGroup, RecordObject } from '../types';

interface BulkBarProps {
  object: RecordObject;
  ids: string[];
  members: Member[];
  /** Every loaded row is selected and more match on the server: offer to act on all of them. */
  matching?: { count: number; estimated: boolean; filter: FilterGroup | null } | null;
  onDone: () => void;
}

/** Actions on the selected rows; more than the inline cap runs as a job whose progress shows here. */
// "Everything matching" with no filter: a condition every record meets.
const everyRecord: FilterGroup = { and: [{ field: 'createdAt', op: 'isNotEmpty' }] };

export function BulkBar({ object, ids, members, matching, onDone }: BulkBarProps) {
  const t = useT();
  const toast = useToast();
  const dispatch = useAppDispatch();
  const tagTitleId = useId();
  const canWrite = usePermission('records.write');
  const canDelete = usePermission('records.delete');
  const [bulk, { isLoading }] = useBulkRecordsMutation();
  const [ownerMenu, setOwnerMenu] = useState<HTMLElement | null>(null);
  const [tagOpen, setTagOpen] = useState(false);
  const [tag, setTag] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [allMatching, setAllMatching] = useState(false);
  const useFilter = allMatching && matching;
  const count = useFilter ? matching.count : ids.length;
  const { data: job } = useGetBulkJobQuery({ object, jobId: jobId ?? '' }, { skip: !jobId, pollingInterval: 1000 });

  useEffect(() => {
    if (!job || (job.status !== 'completed' && job.status !== 'failed')) return;
    setJobId(null);
    dispatch(baseApi.util.invalidateTags([{ type: 'Record', id: `${object}:LIST` }]));
    toast(
      job.status === 'completed'
        ? { message: t('records.bulk.jobDone', { count: job.processed }) }
        : { message: job.failureReason ?? t('records.bulk.jobFailed'), severity: 'error' },
    );
    onDone();
  }, [job, dispatch, object, onDone, t, toast]);

  const run = async (request: Omit<BulkRequest, 'ids'>, done: string) => {
    // All matching records go by filter (a background job); a selection goes by ids.
    const target = useFilter ? { filter: matching.filter ?? everyRecord } : { ids };
    const result = await bulk({ object, request: { ...request, ...target } });
    setConfirmDelete(false);
    setTagOpen(false);
    setOwnerMenu(null);
    if ('error' in result) {
      toast({ message: describeApiError(result.error).detail ?? t('records.bulk.failed'), severity: 'error' });
      return;
    }
    if ('jobId' in result.data) {
      setJobId(result.data.jobId);
      toast({ message: t('records.bulk.jobStarted') });
      return;
    }
    toast({ message: done.replace('{affected}', String(result.data.affected)) });
    onDone();
  };

  const percent = job?.total ? Math.round((job.processed / job.total) * 100) : null;

  return (
    <Paper
      variant="outlined"
      role="region"
      aria-label={t('records.bulk.label')}
      sx={{ px: 2, py: 1, mb: 1.5, display: 'flex', flexDirection: 'column', gap: 1, bgcolor: 'action.hover' }}
      data-testid="bulk-bar"
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600, mr: 1 }} role="status">
          {useFilter ? t('records.bulk.allMatching', { count: matching.count }) : t('records.bulk.selected', { count: ids.length })}
        </Typography>
        {matching && !allMatching && (
          <Button size="small" variant="text" onClick={() => setAllMatching(true)}>
            {t('records.bulk.selectAllMatching', { count: matching.count })}
          </Button>
        )}
        {canWrite && (
          <>
            <Button
              size="small"
              startIcon={<PersonOutline />}
              onClick={(e) => setOwnerMenu(e.currentTarget)}
              disabled={isLoading || Boolean(jobId)}
            >
              {t('records.bulk.assign')}
            </Button>
            <Button size="small" startIcon={<LocalOfferOutlined />} onClick={() => setTagOpen(true)} disabled={isLoading || Boolean(jobId)}>
              {t('records.bulk.tag')}
            </Button>
          </>
        )}
        {canDelete && (
          <Button
            size="small"
            color="error"
            startIcon={<DeleteOutline />}
            onClick={() => setConfirmDelete(true)}
            disabled={isLoading || Boolean(jobId)}
          >
            {t('records.bulk.delete')}
          </Button>
        )}
        <Button size="small" color="inherit" onClick={onDone} sx={{ ml: 'auto' }}>
          {t('records.bulk.clear')}
        </Button>
      </Stack>
      {jobId && (
        <Stack sx={{ gap: 0.5 }}>
          <Typography variant="body2" role="status" aria-live="polite">
            {percent === null ? t('records.bulk.running') : t('records.bulk.progress', { percent })}
          </Typography>
          <LinearProgress
            variant={percent === null ? 'indeterminate' : 'determinate'}
            value={percent ?? 0}
            aria-label={t('records.bulk.progressLabel')}
          />
        </Stack>
      )}
      <Menu anchorEl={ownerMenu} open={Boolean(ownerMenu)} onClose={() => setOwnerMenu(null)}>
        {members.map((m) => (
          <MenuItem
            key={m.userId}
            onClick={() => void run({ action: 'assign', ownerId: m.userId }, t('records.bulk.assigned', { name: m.name || m.email }))}
          >
            {m.name || m.email}
          </MenuItem>
        ))}
      </Menu>
      <Dialog open={tagOpen} onClose={() => setTagOpen(false)} aria-labelledby={tagTitleId} fullWidth maxWidth="xs">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.trim()) void run({ action: 'tag', tags: [tag.trim()] }, t('records.bulk.tagged', { tag: tag.trim() }));
          }}
        >
          <DialogTitle id={tagTitleId}>{t('records.bulk.tagTitle', { count })}</DialogTitle>
          <DialogContent>
            <TextField
              autoFocus
              fullWidth
              label={t('records.field.tag')}
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              sx={{ mt: 1 }}
              slotProps={{ htmlInput: { maxLength: 64 } }}
            />
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2.5 }}>
            <Button color="inherit" onClick={() => setTagOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" loading={isLoading} disabled={!tag.trim()}>
              {t('records.bulk.tag')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      <ConfirmDialog
        open={confirmDelete}
        title={t('records.bulk.deleteTitle', { count })}
        description={t('records.bulk.deleteBody')}
        confirmLabel={t('records.bulk.delete')}
        destructive
        busy={isLoading}
        onConfirm={() => void run({ action: 'delete' }, t('records.bulk.deleted', { count }))}
        onClose={() => setConfirmDelete(false)}
      />
    </Paper>
  );
}
