import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useI18n } from '../../../app/i18n';
import { ErrorState } from '../../../common/components/ErrorState';
import { describeApiError } from '../../../api/problem';
import { lastNDays, sumCounts } from '../dailySeries';
import { reportPollingIntervalMs, useGetContactsCreatedQuery } from '../reportsApi';
import { ContactsCreatedTable } from './ContactsCreatedTable';

const days = 14;

export function ContactsCreatedChart() {
  const { t, formatDay, formatNumber } = useI18n();
  const { data, error, isLoading, isFetching, refetch } = useGetContactsCreatedQuery(undefined, {
    pollingInterval: reportPollingIntervalMs,
    skipPollingIfUnfocused: true,
  });
  const series = useMemo(() => lastNDays(data?.data ?? [], days), [data]);
  const total = sumCounts(series);
  // Few or no contacts: keep a readable 0–4 scale instead of a squashed or empty axis.
  const yMax = Math.max(...series.map((point) => point.count), 0) < 4 ? 4 : undefined;
  const headingId = 'contacts-created-heading';

  return (
    <Card component="section" aria-labelledby={headingId} sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 2 }}>
          <div>
            <Typography variant="h3" component="h2" id={headingId}>
              {t('reports.contactsCreated.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('reports.contactsCreated.subtitle', { days })}
            </Typography>
          </div>
          {data && (
            <Box sx={{ textAlign: 'right' }}>
              <Typography variant="h2" component="p" data-testid="contacts-created-total">
                {formatNumber(total)}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {t('reports.contactsCreated.total')}
              </Typography>
            </Box>
          )}
        </Stack>
        <Box sx={{ mt: 2 }}>
          {error && !data ? (
            <ErrorState
              message={describeApiError(error).status === null ? t('common.error.network') : t('common.error.unexpected')}
              onRetry={() => void refetch()}
              retrying={isFetching}
            />
          ) : isLoading || !data ? (
            <Skeleton variant="rounded" height={240} aria-hidden />
          ) : (
            <>
              <Box role="img" aria-label={t('reports.contactsCreated.chartLabel', { days, total })} data-testid="contacts-created-chart">
                <BarChart
                  height={240}
                  dataset={series.map((point) => ({ label: formatDay(point.day), count: point.count }))}
                  xAxis={[{ scaleType: 'band', dataKey: 'label', tickLabelStyle: { fontSize: 11 } }]}
                  yAxis={[{ min: 0, max: yMax, tickMinStep: 1, width: 32 }]}
                  series={[{ dataKey: 'count', label: t('reports.contactsCreated.series'), color: 'var(--mui-palette-primary-main)' }]}
                  hideLegend
                  grid={{ horizontal: true }}
                  margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
                  borderRadius={4}
                />
              </Box>
              <ContactsCreatedTable series={series} />
              <Typography variant="caption" color="text.secondary">
                {t('reports.contactsCreated.lagNote')}
              </Typography>
            </>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}
