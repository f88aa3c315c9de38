import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { useOwnProbabilityTotalsQuery } from '../pipelineApi';
import type { AggregateRow, BoardScope, Stage } from '../types';
import { useMoney } from '../useMoney';
import { summarisePipeline } from '../weightedValue';

interface PipelineSummaryProps {
  scope: BoardScope;
  stages: Stage[];
  totals: AggregateRow[] | undefined;
  currency: string;
}

/** The board's health at a glance: open value, weighted value (what it is likely worth) and won value. */
export function PipelineSummary({ scope, stages, totals, currency }: PipelineSummaryProps) {
  const { t } = useI18n();
  const money = useMoney();
  const { data: own } = useOwnProbabilityTotalsQuery(scope, { refetchOnFocus: true });
  const summary = totals && own ? summarisePipeline(stages, totals, own.perStage, own.byProbability) : null;
  const items = [
    {
      key: 'open',
      label: t('pipeline.summary.open'),
      value: summary?.openValue,
      caption: summary && t('pipeline.deals', { count: summary.openCount }),
    },
    { key: 'weighted', label: t('pipeline.summary.weighted'), value: summary?.weightedValue, caption: t('pipeline.summary.weightedHint') },
    { key: 'won', label: t('pipeline.summary.won'), value: summary?.wonValue, caption: null },
  ];
  return (
    <Box
      component="dl"
      data-testid="pipeline-summary"
      sx={{
        m: 0,
        mb: 2,
        display: 'grid',
        gridTemplateColumns: { xs: 'repeat(3, minmax(0, 1fr))', sm: 'repeat(3, max-content)' },
        columnGap: { xs: 2, sm: 5 },
      }}
    >
      {items.map((item) => (
        <Box key={item.key} sx={{ minWidth: 0 }}>
          <Typography component="dt" variant="body2" color="text.secondary" noWrap>
            {item.label}
          </Typography>
          <Typography component="dd" variant="h3" sx={{ m: 0 }} data-testid={`pipeline-summary-${item.key}`}>
            {item.value === undefined ? <Skeleton width={80} /> : money(item.value, currency, true)}
          </Typography>
          {item.caption && (
            <Typography component="dd" variant="caption" color="text.secondary" sx={{ m: 0, display: { xs: 'none', sm: 'block' } }}>
              {item.caption}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
