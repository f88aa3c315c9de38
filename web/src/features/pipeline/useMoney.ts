import { useCallback } from 'react';
import { useI18n } from '../../app/i18n';
import { toAmount } from './dealFilter';

// "$2,000" rather than "$2,000.00", but "$1,999.50" keeps its cents.
const wholeOrCents = (amount: number): Intl.NumberFormatOptions =>
  Number.isInteger(amount)
    ? { minimumFractionDigits: 0, maximumFractionDigits: 0 }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };

/** Formats an amount in its own currency (ISO 4217), in the user's locale; compact for column totals. */
export function useMoney() {
  const { formatNumber } = useI18n();
  return useCallback(
    (value: string | number | null | undefined, currency: string | null | undefined, compact = false) => {
      const amount = toAmount(value);
      const code = currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
      const options: Intl.NumberFormatOptions = code
        ? { style: 'currency', currency: code, ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : wholeOrCents(amount)) }
        : compact
          ? { notation: 'compact', maximumFractionDigits: 1 }
          : wholeOrCents(amount);
      return formatNumber(amount, options);
    },
    [formatNumber],
  );
}
