import { useId } from 'react';
import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha, type Theme } from '@mui/material/styles';
import { useI18n } from '../../../app/i18n';
import { ErrorState } from '../../../common/components/ErrorState';
import { describeApiError } from '../../../api/problem';
import { useListStageDealsInfiniteQuery } from '../pipelineApi';
import type { BoardScope, Deal, Stage } from '../types';
import { DealCard } from './DealCard';
import { StageTotal } from './StageTotal';

interface StageColumnProps {
  stage: Stage;
  stages: Stage[];
  scope: BoardScope;
  count: number | null;
  /** The board's single currency, or null when deals use several (the column then asks per currency). */
  currency: string | null;
  sum: string | number | null;
  canMove: boolean;
  /** A user's display name, null when unknown. */
  ownerName: (userId: string | null | undefined) => string | null;
  onMove: (deal: Deal, to: Stage) => void;
}

const accent = (theme: Theme, kind: Stage['kind']) =>
  kind === 'won' ? theme.palette.success.main : kind === 'lost' ? theme.palette.error.main : theme.palette.primary.main;

export function StageColumn(props: StageColumnProps) {
  const { stage, stages, scope, count, currency, sum, canMove, ownerName, onMove } = props;
  const { t, formatNumber } = useI18n();
  const headingId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  // Back on the tab, the board shows what teammates changed meanwhile.
  const query = useListStageDealsInfiniteQuery({ ...scope, stageId: stage.id }, { refetchOnFocus: true });
  const deals = query.data?.pages.flatMap((page) => page.data) ?? [];

  const closed = stage.kind !== 'open';
  return (
    <Paper
      ref={setNodeRef}
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      data-testid="stage-column"
      data-stage-name={stage.name}
      data-stage-kind={stage.kind}
      sx={(theme) => ({
        flex: '0 0 auto',
        width: { xs: 'calc(100vw - 56px)', sm: 272 },
        maxWidth: 320,
        scrollSnapAlign: 'start',
        display: 'flex',
        flexDirection: 'column',
        borderRadius: 2,
        borderTop: `4px solid ${accent(theme, stage.kind)}`,
        bgcolor: closed ? alpha(accent(theme, stage.kind), theme.palette.mode === 'dark' ? 0.08 : 0.04) : 'background.paper',
        outline: isOver ? `2px solid ${accent(theme, stage.kind)}` : 'none',
        outlineOffset: 2,
        transition: 'outline-color 120ms',
      })}
    >
      <Box sx={{ px: 1.5, pt: 1.25, pb: 1 }}>
        <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between', gap: 1 }}>
          <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 700 }} noWrap>
            {stage.name}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ flexShrink: 0 }}>
            {stage.kind === 'won'
              ? t('pipeline.stage.won')
              : stage.kind === 'lost'
                ? t('pipeline.stage.lost')
                : t('pipeline.stage.probability', { percent: stage.probability })}
          </Typography>
        </Stack>
        <Stack direction="row" sx={{ gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }} data-testid="stage-totals">
          <Typography variant="body2" color="text.secondary" data-testid="stage-count">
            {count === null ? <Skeleton width={48} /> : t('pipeline.deals', { count })}
          </Typography>
          <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="stage-sum">
            <StageTotal scope={scope} stageId={stage.id} currency={currency} sum={sum} count={count} />
          </Typography>
        </Stack>
      </Box>
      <Stack sx={{ gap: 1, px: 1, pb: 1, flex: 1, minHeight: 120 }}>
        {query.isLoading &&
          Array.from({ length: 3 }, (_, i) => <Skeleton key={i} variant="rounded" height={92} aria-hidden data-testid="card-skeleton" />)}
        {query.error && !query.data && (
          <ErrorState
            message={describeApiError(query.error).status === null ? t('common.error.network') : t('pipeline.stageLoadError')}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        )}
        {deals.map((deal) => (
          <DealCard
            key={deal.id}
            deal={deal}
            stages={stages}
            canMove={canMove}
            onMove={onMove}
            ownerName={ownerName(deal.ownerId) ?? undefined}
          />
        ))}
        {query.data && deals.length === 0 && (
          <Box
            sx={{
              flex: 1,
              display: 'grid',
              placeItems: 'center',
              border: 1,
              borderStyle: 'dashed',
              borderColor: 'divider',
              borderRadius: 2,
              p: 2,
              textAlign: 'center',
            }}
          >
            <Typography variant="body2" color="text.secondary">
              {canMove ? t('pipeline.stage.emptyDrop') : t('pipeline.stage.empty')}
            </Typography>
          </Box>
        )}
        {query.hasNextPage && (
          <Button size="small" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('pipeline.stage.more')}
            {count !== null && count > deals.length && ` (${formatNumber(count - deals.length)})`}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
