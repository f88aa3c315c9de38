import { memo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useDraggable } from '@dnd-kit/core';
import DragIndicator from '@mui/icons-material/DragIndicator';
import MoreVert from '@mui/icons-material/MoreVert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import type { Deal, Stage } from '../types';
import { useMoney } from '../useMoney';

interface DealCardProps {
  deal: Deal;
  ownerName?: string;
  /** Stages this card can move to (the menu is the drag-free way to move it). */
  stages: Stage[];
  canMove: boolean;
  onMove: (deal: Deal, to: Stage) => void;
}

/** The visible part of a card; also drawn in the drag overlay. */
export function DealCardBody({ deal, ownerName }: Pick<DealCardProps, 'deal' | 'ownerName'>) {
  const { t, formatDay } = useI18n();
  const money = useMoney();
  const company = deal.companyName;
  return (
    <Stack sx={{ gap: 0.5, minWidth: 0 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }} color={deal.amount === null ? 'text.secondary' : 'text.primary'}>
        {deal.amount === null ? t('pipeline.card.noAmount') : money(deal.amount, deal.currency)}
      </Typography>
      {company && (
        <Typography variant="body2" color="text.secondary" noWrap>
          {company}
        </Typography>
      )}
      <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
        {/* An owner whose name has not loaded yet shows nothing rather than a wrong "No owner". */}
        {(ownerName || !deal.ownerId) && (
          <Typography variant="caption" color="text.secondary" noWrap sx={{ minWidth: 0 }}>
            {ownerName ? t('pipeline.card.owner', { name: ownerName }) : t('pipeline.card.unassigned')}
          </Typography>
        )}
        {deal.expectedCloseDate && (
          <Typography variant="caption" color="text.secondary">
            {t('pipeline.card.closeDate', { date: formatDay(deal.expectedCloseDate, { dateStyle: 'medium' }) })}
          </Typography>
        )}
      </Stack>
      {deal.status === 'lost' && deal.lostReason && (
        <Typography variant="caption" color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('pipeline.card.lostReason', { reason: deal.lostReason })}
        </Typography>
      )}
    </Stack>
  );
}

/** A deal on the board: drag it by the card, open it by its name, or move it with the menu. */
export const DealCard = memo(function DealCard({ deal, ownerName, stages, canMove, onMove }: DealCardProps) {
  const { t } = useI18n();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
    disabled: !canMove,
  });
  const targets = stages.filter((stage) => stage.id !== deal.stageId);

  return (
    <Card
      ref={setNodeRef}
      variant="outlined"
      data-testid="deal-card"
      data-deal-id={deal.id}
      // A pointer drags the whole card; the keyboard picks it up from its handle (the only
      // element with the drag role, so links and buttons are never nested in it).
      {...(canMove ? listeners : {})}
      sx={{
        p: 1.5,
        pr: canMove ? 0.5 : 1.5,
        cursor: canMove ? 'grab' : 'default',
        opacity: isDragging ? 0.4 : 1,
        touchAction: 'manipulation',
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 0.5 }}>
        {canMove && (
          <IconButton
            ref={setActivatorNodeRef}
            size="small"
            {...attributes}
            aria-label={t('pipeline.card.drag', { deal: deal.name })}
            // The handle never pans the page, so a finger can drag from it (the card itself still scrolls).
            sx={{ ml: -1, mt: -0.25, cursor: 'grab', color: 'text.secondary', touchAction: 'none' }}
          >
            <DragIndicator fontSize="small" />
          </IconButton>
        )}
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Link
            component={RouterLink}
            to={`/deals/${deal.id}`}
            underline="hover"
            color="text.primary"
            sx={{ fontWeight: 600, display: 'block', mb: 0.25, overflowWrap: 'anywhere' }}
            // The card is the drag handle: a click on the name opens the deal instead.
            onPointerDown={(event) => event.stopPropagation()}
            onKeyDown={(event) => event.stopPropagation()}
          >
            {deal.name}
          </Link>
          <DealCardBody deal={deal} ownerName={ownerName} />
        </Box>
        {canMove && targets.length > 0 && (
          <>
            <IconButton
              size="small"
              aria-label={t('pipeline.card.move', { deal: deal.name })}
              aria-haspopup="menu"
              onPointerDown={(event) => event.stopPropagation()}
              onKeyDown={(event) => event.stopPropagation()}
              onClick={(event) => setMenuAnchor(event.currentTarget)}
            >
              <MoreVert fontSize="small" />
            </IconButton>
            <Menu
              anchorEl={menuAnchor}
              open={menuAnchor !== null}
              onClose={() => setMenuAnchor(null)}
              slotProps={{ list: { 'aria-label': t('pipeline.card.moveMenu'), dense: true } }}
            >
              <MenuItem disabled divider>
                {t('pipeline.card.moveMenu')}
              </MenuItem>
              {targets.map((stage) => (
                <MenuItem
                  key={stage.id}
                  onClick={() => {
                    setMenuAnchor(null);
                    onMove(deal, stage);
                  }}
                >
                  {stage.name}
                </MenuItem>
              ))}
            </Menu>
          </>
        )}
      </Stack>
    </Card>
  );
});
