import { skipToken } from '@reduxjs/toolkit/query';
import Skeleton from '@mui/material/Skeleton';
import { useI18n } from '../../../app/i18n';
import { toAmount } from '../dealFilter';
import { useCurrencyTotalsQuery } from '../pipelineApi';
import type { BoardScope } from '../types';
import { useMoney } from '../useMoney';

interface StageTotalProps {
  scope: BoardScope;
  stageId: string;
  currency: string | null;
  sum: string | number | null;
  count: number | null;
}

/**
 * A column's total amount. With one currency on the board it is the stage's sum; with several,
 * one sum per currency ("$12K · €3K"), since adding dollars to euros would be meaningless.
 */
export function StageTotal({ scope, stageId, currency, sum, count }: StageTotalProps) {
  const { t } = useI18n();
  const money = useMoney();
  const mixed = currency === null && (count ?? 0) > 0;
  const { data: perCurrency } = useCurrencyTotalsQuery(mixed ? { ...scope, stageId } : skipToken);
  if (count === null) return <Skeleton width={64} />;
  if (count === 0) return null;
  if (!mixed) return <>{toAmount(sum) === 0 && sum === null ? t('pipeline.stage.noAmount') : money(sum, currency, true)}</>;
  if (!perCurrency) return <Skeleton width={64} />;
  const parts = perCurrency.filter((row) => row.key && toAmount(row.value) !== 0).map((row) => money(row.value, row.key, true));
  return <>{parts.length > 0 ? parts.join(' · ') : t('pipeline.stage.noAmount')}</>;
}
