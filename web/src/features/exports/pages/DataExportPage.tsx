import { useEffect, useRef, useState, type ReactNode } from 'react';
import { skipToken } from '@reduxjs/toolkit/query';
import ArchiveOutlined from '@mui/icons-material/ArchiveOutlined';
import Download from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppDispatch } from '../../../app/hooks';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { EmptyState } from '../../../common/components/EmptyState';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { SectionHeader } from '../../settings/SectionHeader';
import { SettingsCard } from '../../settings/SettingsCard';
import { byteSize, isActive, summarizeByService } from '../exportFormat';
import {
  exportsApi,
  useDownloadExportMutation,
  useGetExportQuery,
  useListExportsQuery,
  useStartExportMutation,
  type ExportStatus,
  type WorkspaceExport,
} from '../exportsApi';

const POLL_MS = 2000;

const statusLabel: Record<ExportStatus, MessageKey> = {
  queued: 'exports.status.queued',
  running: 'exports.status.running',
  done: 'exports.status.done',
  failed: 'exports.status.failed',
};
const statusColor: Record<ExportStatus, 'default' | 'info' | 'success' | 'error'> = {
  queued: 'default',
  running: 'info',
  done: 'success',
  failed: 'error',
};

function StatusChip({ item }: { item: WorkspaceExport }) {
  const { t } = useI18n();
  const expired = item.status === 'done' && !item.downloadable;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={expired ? 'default' : statusColor[item.status]}
      label={t(expired ? 'exports.status.expired' : statusLabel[item.status])}
    />
  );
}

function DownloadButton({ item, variant = 'outlined' }: { item: WorkspaceExport; variant?: 'outlined' | 'contained' }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [download, { isLoading }] = useDownloadExportMutation();
  const onClick = async () => {
    const result = await download(item.id);
    if ('error' in result) {
      const problem = describeApiError(result.error);
      toast({
        message: problem.status === null ? t('common.error.network') : (problem.detail ?? t('exports.downloadFailed')),
        severity: 'error',
      });
    }
  };
  return (
    <Button
      variant={variant}
      size={variant === 'contained' ? 'medium' : 'small'}
      startIcon={<Download />}
      loading={isLoading}
      onClick={() => void onClick()}
      aria-label={t('exports.downloadLabel', { date: formatDate(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
    >
      {t('exports.download')}
    </Button>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontWeight: 500 }}>
        {children}
      </Typography>
    </Box>
  );
}

function LatestExport({ item, onStart, starting }: { item: WorkspaceExport; onStart: () => void; starting: boolean }) {
  const { t, formatDate, formatNumber } = useI18n();
  const dateTime = (value: string) => <time dateTime={value}>{formatDate(value, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
  const percent = Math.max(0, Math.min(100, Math.round(item.progress)));
  const active = isActive(item.status);

  return (
    <SettingsCard
      title={t('exports.latest')}
      description={t('exports.requestedAt', { date: formatDate(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
      aside={<StatusChip item={item} />}
      testId="latest-export"
    >
      {/* Always mounted so screen readers hear the status change as it happens. */}
      <Box role="status" aria-live="polite" aria-atomic="true">
        {active && (
          <Stack sx={{ gap: 1 }}>
            <Typography>{t(item.status === 'queued' ? 'exports.progress.queued' : 'exports.progress.running', { percent })}</Typography>
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-label={t('exports.progressLabel')}
              sx={{ height: 8, borderRadius: 4 }}
            />
          </Stack>
        )}
        {item.status === 'failed' && (
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={onStart} loading={starting}>
                {t('common.retry')}
              </Button>
            }
          >
            <AlertTitle>{t('exports.failedTitle')}</AlertTitle>
            {item.error ?? t('exports.failedUnknown')}
          </Alert>
        )}
      </Box>
      {active && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('exports.progress.hint')}
        </Typography>
      )}
      {item.status === 'done' && <DoneDetails item={item} dateTime={dateTime} formatNumber={formatNumber} />}
    </SettingsCard>
  );
}

function DoneDetails({
  item,
  dateTime,
  formatNumber,
}: {
  item: WorkspaceExport;
  dateTime: (value: string) => ReactNode;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
}) {
  const { t } = useI18n();
  const services = summarizeByService(item.summary.objects);
  const size = item.sizeBytes === null ? null : byteSize(item.sizeBytes);
  return (
    <Stack sx={{ gap: 2.5 }}>
      <Box
        component="dl"
        sx={{
          m: 0,
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(3, minmax(0, max-content))' },
          columnGap: 5,
        }}
      >
        <Detail label={t('exports.size')}>
          {size ? formatNumber(size.value, { style: 'unit', unit: size.unit, unitDisplay: 'short' }) : '—'}
        </Detail>
        <Detail label={t('exports.finishedAt')}>{item.finishedAt ? dateTime(item.finishedAt) : '—'}</Detail>
        <Detail label={t('exports.availableUntil')}>{dateTime(item.expiresAt)}</Detail>
      </Box>
      <div>
        <Typography variant="subtitle2" component="h4" sx={{ mb: 0.5 }}>
          {t('exports.contents')}
        </Typography>
        {services.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('exports.noObjects')}
          </Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2.5, columns: { xs: 1, sm: 2 }, columnGap: 4 }} data-testid="export-counts">
            {services.flatMap(({ service, objects }) =>
              objects.map(({ object, count }) => (
                <Typography component="li" variant="body2" key={`${service}/${object}`} sx={{ breakInside: 'avoid', py: 0.25 }}>
                  {t('exports.objectLine', { service, object, count })}
                </Typography>
              )),
            )}
          </Box>
        )}
      </div>
      {item.summary.skipped.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>{t('exports.skippedTitle')}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {item.summary.skipped.map(({ service, reason }) => (
              <li key={service}>{t('exports.skippedLine', { service, reason })}</li>
            ))}
          </Box>
        </Alert>
      )}
      {item.downloadable ? (
        <Box>
          <DownloadButton item={item} variant="contained" />
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('exports.expiredNote')}
        </Typography>
      )}
    </Stack>
  );
}

function History({ items }: { items: WorkspaceExport[] }) {
  const { t, formatDate, formatNumber } = useI18n();
  return (
    <SettingsCard title={t('exports.history')} testId="export-history">
      <Stack component="ul" aria-label={t('exports.historyLabel')} sx={{ m: 0, p: 0, listStyle: 'none' }}>
        {items.map((item) => {
          const size = item.sizeBytes === null ? null : byteSize(item.sizeBytes);
          return (
            <Stack
              component="li"
              key={item.id}
              direction="row"
              sx={{ alignItems: 'center', gap: 1.5, py: 1.25, flexWrap: 'wrap', borderTop: 1, borderColor: 'divider' }}
            >
              <Box sx={{ flex: '1 1 200px', minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  <time dateTime={item.createdAt}>{formatDate(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                </Typography>
                {size && item.status === 'done' && (
                  <Typography variant="body2" color="text.secondary">
                    {formatNumber(size.value, { style: 'unit', unit: size.unit, unitDisplay: 'short' })}
                  </Typography>
                )}
              </Box>
              <StatusChip item={item} />
              {item.status === 'done' && item.downloadable && <DownloadButton item={item} />}
            </Stack>
          );
        })}
      </Stack>
    </SettingsCard>
  );
}

export function DataExportPage() {
  const { t } = useI18n();
  const toast = useToast();
  const dispatch = useAppDispatch();
  const list = useListExportsQuery(undefined, { refetchOnMountOrArgChange: true });
  const [start, started] = useStartExportMutation();
  const [startError, setStartError] = useState<string | null>(null);
  const exports = list.data?.data ?? [];

  // The export just started may not be in the list yet.
  const startedItem = started.data && !exports.some((e) => e.id === started.data?.id) ? started.data : undefined;
  const latestId = startedItem?.id ?? exports[0]?.id;
  const listed = startedItem ?? exports[0];
  const [active, setActive] = useState(false);
  const polled = useGetExportQuery(latestId ?? skipToken, { pollingInterval: active ? POLL_MS : 0 });
  const latest = polled.data?.id === latestId && polled.data ? polled.data : listed;
  const latestActive = latest ? isActive(latest.status) : false;
  useEffect(() => setActive(latestActive), [latestActive]);

  // When the export finishes, refresh the history so it agrees with what is shown.
  const wasActive = useRef(false);
  useEffect(() => {
    if (wasActive.current && !latestActive) dispatch(exportsApi.util.invalidateTags([{ type: 'WorkspaceExport', id: 'LIST' }]));
    wasActive.current = latestActive;
  }, [latestActive, dispatch]);

  const onStart = async () => {
    setStartError(null);
    const result = await start();
    if ('error' in result) {
      const problem = describeApiError(result.error);
      started.reset();
      setStartError(problem.status === null ? t('common.error.network') : (problem.detail ?? t('exports.startFailed')));
      // A 409 means one is already running: show it.
      void list.refetch();
      return;
    }
    toast({ message: t('exports.started') });
  };

  const startButton = (
    <Button
      variant="contained"
      startIcon={<ArchiveOutlined />}
      onClick={() => void onStart()}
      loading={started.isLoading}
      disabled={latestActive}
    >
      {t('exports.start')}
    </Button>
  );

  let body;
  if (list.error && !list.data)
    body = (
      <QueryError error={list.error} message={t('exports.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} />
    );
  else if (list.isLoading) body = <Skeleton variant="rounded" height={160} aria-label={t('app.loading')} />;
  else if (!latest)
    body = (
      <Paper variant="outlined" sx={{ borderRadius: 3 }}>
        <EmptyState icon={<ArchiveOutlined />} title={t('exports.emptyTitle')} description={t('exports.emptyBody')} headingLevel="h3" />
      </Paper>
    );
  else {
    const history = exports.filter((e) => e.id !== latest.id);
    body = (
      <>
        <LatestExport item={latest} onStart={() => void onStart()} starting={started.isLoading} />
        {history.length > 0 && <History items={history} />}
      </>
    );
  }

  return (
    <>
      <SectionHeader title={t('settings.dataExport')} subtitle={t('exports.subtitle')} actions={startButton} />
      {startError && (
        <Alert severity="error" sx={{ mb: 3 }} onClose={() => setStartError(null)}>
          {startError}
        </Alert>
      )}
      <div aria-busy={list.isLoading}>{body}</div>
    </>
  );
}
