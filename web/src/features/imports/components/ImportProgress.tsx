import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import type { ImportJob } from '../types';

/** Step 3: a progress bar fed by polling; determinate once the total row count is known. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const t = useT();
  const total = job.totalRows ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((job.processedRows / total) * 100)) : null;
  const line =
    job.status === 'queued'
      ? t('imports.progress.queued')
      : percent === null
        ? t('imports.progress.counting')
        : t('imports.progress.rows', { processed: job.processedRows, total, percent });
  return (
    <Stack sx={{ gap: 1.5 }}>
      <Typography variant="h3" component="h2">
        {t('imports.progress.title', { file: job.fileName ?? t('imports.list.unnamed') })}
      </Typography>
      {/* Always mounted so screen readers hear the progress as it changes. */}
      <Box role="status" aria-live="polite" aria-atomic="true">
        <Typography data-testid="import-progress-text">{line}</Typography>
      </Box>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        aria-label={t('imports.progress.label')}
        sx={{ height: 10, borderRadius: 5 }}
      />
      <Typography variant="body2" color="text.secondary">
        {t('imports.progress.hint')}
      </Typography>
    </Stack>
  );
}
