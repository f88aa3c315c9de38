import { useCallback, useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { useMembers } from '../../records/useMemberNames';
import { describeApiError } from '../../../api/problem';
import { useToast } from '../../../common/toast/useToast';
import { boardCollisions, columnKeyboardCoordinates } from '../boardKeyboard';
import { toAmount } from '../dealFilter';
import { useCurrencyTotalsQuery, useMoveDealMutation, useStageTotalsQuery } from '../pipelineApi';
import type { BoardScope, Deal, Pipeline, Stage } from '../types';
import { DealCardBody } from './DealCard';
import { LostReasonDialog } from './LostReasonDialog';
import { PipelineSummary } from './PipelineSummary';
import { StageColumn } from './StageColumn';

interface PipelineBoardProps {
  pipeline: Pipeline;
  scope: BoardScope;
  canMove: boolean;
}

const dealOf = (data: unknown) => (data as { deal?: Deal } | undefined)?.deal;

export function PipelineBoard({ pipeline, scope, canMove }: PipelineBoardProps) {
  const t = useT();
  const toast = useToast();
  const [moveDeal] = useMoveDealMutation();
  const [dragging, setDragging] = useState<Deal | null>(null);
  const [askLost, setAskLost] = useState<{ deal: Deal; to: Stage } | null>(null);

  const { data: totals } = useStageTotalsQuery(scope, { refetchOnFocus: true });
  const { data: currencies } = useCurrencyTotalsQuery(scope);
  const { nameOf } = useMembers();

  const stageById = useMemo(() => new Map(pipeline.stages.map((stage) => [stage.id, stage])), [pipeline.stages]);
  const stageName = useCallback((id: unknown) => stageById.get(String(id))?.name ?? '', [stageById]);

  // One currency on the board: columns show plain sums. Several: each column sums per currency.
  const usedCurrencies = currencies?.filter((row) => row.key && (row.count > 0 || toAmount(row.value) !== 0)) ?? null;
  const boardCurrency = usedCurrencies && usedCurrencies.length <= 1 ? (usedCurrencies[0]?.key ?? null) : null;

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so clicks on the name and menu still work.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );

  const commit = useCallback(
    async (deal: Deal, to: Stage, lostReason?: string) => {
      const from = stageById.get(deal.stageId);
      const result = await moveDeal({ deal, to, lostReason, scope });
      if ('error' in result) {
        const info = describeApiError(result.error);
        toast({
          severity: 'error',
          message:
            info.detail && info.status !== null && info.status < 500
              ? t('pipeline.moveFailed', { deal: deal.name, reason: info.detail })
              : t('pipeline.moveFailedGeneric', { deal: deal.name, stage: from?.name ?? '' }),
        });
        return;
      }
      toast({ severity: 'success', message: t('pipeline.moved', { deal: deal.name, stage: to.name }) });
    },
    [moveDeal, scope, stageById, t, toast],
  );

  const requestMove = useCallback(
    (deal: Deal, to: Stage) => {
      if (deal.stageId === to.id) return;
      if (to.kind === 'lost') setAskLost({ deal, to });
      else void commit(deal, to);
    },
    [commit],
  );

  const onDragStart = ({ active }: DragStartEvent) => setDragging(dealOf(active.data.current) ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const deal = dealOf(active.data.current);
    const to = over ? stageById.get(String(over.id)) : undefined;
    if (deal && to) requestMove(deal, to);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('pipeline.dnd.start', { deal: dealOf(active.data.current)?.name ?? '', stage: stageName(dealOf(active.data.current)?.stageId) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('pipeline.dnd.over', { deal: dealOf(active.data.current)?.name ?? '', stage: stageName(over.id) })
        : t('pipeline.dnd.overNone', { deal: dealOf(active.data.current)?.name ?? '' }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('pipeline.dnd.drop', { deal: dealOf(active.data.current)?.name ?? '', stage: stageName(over.id) })
        : t('pipeline.dnd.dropNone', { deal: dealOf(active.data.current)?.name ?? '' }),
    onDragCancel: ({ active }) => t('pipeline.dnd.cancel', { deal: dealOf(active.data.current)?.name ?? '' }),
  };

  const totalFor = (stageId: string) => totals?.find((row) => row.key === stageId);
  const currenciesKnown = usedCurrencies !== null;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={boardCollisions}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('pipeline.dnd.instructions') } }}
    >
      {boardCurrency && <PipelineSummary scope={scope} stages={pipeline.stages} totals={totals} currency={boardCurrency} />}
      <Box
        role="region"
        aria-label={t('pipeline.boardLabel', { pipeline: pipeline.name })}
        data-testid="pipeline-board"
        // Keyboard users scroll the board with the arrow keys once it has focus.
        tabIndex={0}
        sx={{
          display: 'flex',
          gap: 1.5,
          alignItems: 'stretch',
          overflowX: 'auto',
          scrollSnapType: { xs: 'x mandatory', sm: 'none' },
          scrollPaddingInline: { xs: '16px', sm: 0 },
          pb: 2,
          mx: { xs: -2, sm: 0 },
          px: { xs: 2, sm: 0 },
          minHeight: 360,
          '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2, borderRadius: 2 },
        }}
      >
        {pipeline.stages.map((stage) => (
          <StageColumn
            key={stage.id}
            stage={stage}
            stages={pipeline.stages}
            scope={scope}
            count={totals && currenciesKnown ? (totalFor(stage.id)?.count ?? 0) : null}
            sum={totalFor(stage.id)?.value ?? null}
            currency={boardCurrency}
            canMove={canMove}
            ownerName={nameOf}
            onMove={requestMove}
          />
        ))}
      </Box>
      <DragOverlay dropAnimation={null}>
        {dragging && (
          <Card variant="outlined" sx={{ p: 1.5, width: 272, boxShadow: 8, cursor: 'grabbing', transform: 'rotate(2deg)' }}>
            <Typography sx={{ fontWeight: 600, mb: 0.25 }}>{dragging.name}</Typography>
            <DealCardBody deal={dragging} ownerName={nameOf(dragging.ownerId) ?? undefined} />
          </Card>
        )}
      </DragOverlay>
      {askLost && (
        <LostReasonDialog
          dealName={askLost.deal.name}
          onCancel={() => setAskLost(null)}
          onConfirm={(reason) => {
            const { deal, to } = askLost;
            setAskLost(null);
            void commit(deal, to, reason);
          }}
        />
      )}
    </DndContext>
  );
}
