import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { displayValue, recordTitle } from '../compareRecords';
import type { DuplicatePair } from '../types';

interface DuplicatePairRowProps {
  pair: DuplicatePair;
  canDismiss: boolean;
  onReview: () => void;
  onDismiss: () => void;
}

/** One suggestion: the two records, why they look alike, and what to do about it. */
export function DuplicatePairRow({ pair, canDismiss, onReview, onDismiss }: DuplicatePairRowProps) {
  const { t, formatNumber } = useI18n();
  const titles = pair.records.map((r) => recordTitle(pair.object, r) || t('duplicates.unnamed'));
  const detail = (index: 0 | 1) => {
    const record = pair.records[index];
    return pair.object === 'companies'
      ? displayValue(record.domain)
      : [displayValue(record.email), displayValue(record.companyName)].filter(Boolean).join(' · ');
  };
  return (
    <Box
      component="li"
      data-testid="duplicate-pair"
      sx={{
        listStyle: 'none',
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '1fr 1fr auto' },
        gap: { xs: 1.5, md: 2 },
        alignItems: 'center',
        px: 2,
        py: 1.75,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      {([0, 1] as const).map((index) => (
        <Box key={pair.records[index].id} sx={{ minWidth: 0 }}>
          <Typography sx={{ fontWeight: 600 }} noWrap>
            {titles[index]}
          </Typography>
          <Typography variant="body2" color="text.secondary" noWrap>
            {detail(index) || '—'}
          </Typography>
        </Box>
      ))}
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', justifyContent: { md: 'flex-end' } }}>
        <Chip size="small" label={t(`duplicates.reason.${pair.reason}`)} />
        <Typography variant="caption" color="text.secondary">
          {t('duplicates.score', { percent: formatNumber(Math.round(pair.score * 100)) })}
        </Typography>
        {canDismiss && (
          <Button size="small" onClick={onDismiss}>
            {t('duplicates.notDuplicate')}
          </Button>
        )}
        <Button
          size="small"
          variant="outlined"
          onClick={onReview}
          aria-label={t('duplicates.reviewPair', { a: titles[0] ?? '', b: titles[1] ?? '' })}
        >
          {t('duplicates.review')}
        </Button>
      </Stack>
    </Box>
  );
}
