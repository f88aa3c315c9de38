import Chip from '@mui/material/Chip';
import { useT } from '../../../app/i18n';
import type { ImportJob, ImportStatus } from '../types';

const color: Record<ImportStatus, 'default' | 'info' | 'success' | 'error'> = {
  queued: 'default',
  running: 'info',
  completed: 'success',
  failed: 'error',
};

export function ImportStatusChip({ job }: { job: Pick<ImportJob, 'status' | 'errorCount'> }) {
  const t = useT();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={job.status === 'completed' && job.errorCount > 0 ? 'warning' : color[job.status]}
      label={t(`imports.status.${job.status}`)}
    />
  );
}

export const isImportActive = (status: ImportStatus) => status === 'queued' || status === 'running';
