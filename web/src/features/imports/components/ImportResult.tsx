import { Link as RouterLink } from 'react-router';
import Download from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useToast } from '../../../common/toast/useToast';
import { useDownloadImportErrorsMutation } from '../importsApi';
import type { ImportJob } from '../types';

const outcomes: { key: 'createdCount' | 'updatedCount' | 'skippedCount' | 'errorCount'; label: MessageKey; color: string }[] = [
  { key: 'createdCount', label: 'imports.result.created', color: 'var(--mui-palette-success-main)' },
  { key: 'updatedCount', label: 'imports.result.updated', color: 'var(--mui-palette-primary-main)' },
  { key: 'skippedCount', label: 'imports.result.skipped', color: 'var(--mui-palette-text-secondary)' },
  { key: 'errorCount', label: 'imports.result.errors', color: 'var(--mui-palette-error-main)' },
];

// The records list each object lives in (the records feature owns these pages).
const objectPath = { contacts: '/contacts', companies: '/companies', deals: '/deals' } as const;

/** Step 4: what happened to every row, as numbers and a chart, with the error file and a way on. */
export function ImportResult({ job }: { job: ImportJob }) {
  const { t, formatNumber } = useI18n();
  const toast = useToast();
  const [download, { isLoading: downloading }] = useDownloadImportErrorsMutation();
  const failed = job.status === 'failed';

  const downloadErrors = async () => {
    const result = await download({ id: job.id, fileName: job.fileName });
    if ('error' in result) {
      const info = describeApiError(result.error);
      toast({ severity: 'error', message: info.status === null ? t('common.error.network') : t('imports.result.downloadFailed') });
    }
  };

  const counts = Object.fromEntries(outcomes.map((o) => [o.key, job[o.key]])) as Record<(typeof outcomes)[number]['key'], number>;
  return (
    <Stack sx={{ gap: 3 }}>
      {failed ? (
        <Alert severity="error">
          <AlertTitle>{t('imports.result.failedTitle')}</AlertTitle>
          {job.failureReason ?? t('imports.result.failedUnknown')}
        </Alert>
      ) : (
        <div>
          <Typography variant="h3" component="h2">
            {t('imports.result.title')}
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 0.5 }}>
            {t('imports.result.summary', { processed: job.processedRows, file: job.fileName ?? t('imports.list.unnamed') })}
          </Typography>
        </div>
      )}

      <Box
        component="dl"
        data-testid="import-counts"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: 'repeat(2, 1fr)', sm: 'repeat(4, 1fr)' }, gap: 2 }}
      >
        {outcomes.map((o) => (
          <Box key={o.key} sx={{ border: 1, borderColor: 'divider', borderRadius: 2, p: 2, borderLeft: `4px solid ${o.color}` }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t(o.label)}
            </Typography>
            <Typography component="dd" variant="h2" sx={{ m: 0 }} data-testid={`import-count-${o.key}`}>
              {formatNumber(job[o.key])}
            </Typography>
          </Box>
        ))}
      </Box>

      <Box
        role="img"
        aria-label={t('imports.result.chartLabel', {
          created: counts.createdCount,
          updated: counts.updatedCount,
          skipped: counts.skippedCount,
          errors: counts.errorCount,
        })}
      >
        <BarChart
          height={180}
          layout="horizontal"
          dataset={outcomes.map((o) => ({ label: t(o.label), count: job[o.key] }))}
          yAxis={[{ scaleType: 'band', dataKey: 'label', width: 80, colorMap: { type: 'ordinal', colors: outcomes.map((o) => o.color) } }]}
          xAxis={[{ min: 0, tickMinStep: 1 }]}
          series={[{ dataKey: 'count', label: t('imports.result.count') }]}
          hideLegend
          grid={{ vertical: true }}
          margin={{ left: 0, right: 16, top: 0, bottom: 0 }}
          borderRadius={4}
        />
      </Box>

      {job.errorCount > 0 && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" startIcon={<Download />} loading={downloading} onClick={() => void downloadErrors()}>
              {t('imports.result.downloadErrors')}
            </Button>
          }
        >
          {t('imports.result.errorsHint', { count: job.errorCount })}
        </Alert>
      )}

      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1 }}>
        {job.createdCount + job.updatedCount > 0 && (
          <Button variant="contained" component={RouterLink} to={objectPath[job.object]}>
            {t(`imports.result.view.${job.object}`)}
          </Button>
        )}
        <Button variant="outlined" component={RouterLink} to={`/imports/new?object=${job.object}`}>
          {t('imports.result.another')}
        </Button>
      </Stack>
    </Stack>
  );
}
