import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { Link as RouterLink } from 'react-router';
import { useI18n } from '../../../app/i18n';
import type { ColumnDef } from '../columns';
import { readValue, recordTitle } from '../columns';
import type { AnyRecord, RecordObject } from '../types';
import { useGetRecordQuery } from '../recordsApi';

function Empty() {
  const { t } = useI18n();
  return (
    <span className="cv-empty" aria-label={t('records.empty')}>
      —
    </span>
  );
}

/** A company's name by id (deals carry only the id); cached, so a page of rows costs one request per company. */
export function CompanyName({ id, link = true, focusable = false }: { id: string; link?: boolean; focusable?: boolean }) {
  const { data } = useGetRecordQuery({ object: 'companies', id });
  const name = data ? String(data.name ?? '') : '…';
  if (!link) return <>{name}</>;
  return (
    <RouterLink className="cv-link" to={`/companies/${id}`} tabIndex={focusable ? undefined : -1}>
      {name}
    </RouterLink>
  );
}

/**
 * Styles for the plain elements values render as. Plain elements instead of MUI components
 * keep a screenful of rows cheap to render; the container that shows values applies these.
 */
export const cellValueSx = {
  '& .cv-link': {
    color: 'inherit',
    textDecoration: 'none',
    '&:hover': { textDecoration: 'underline' },
    '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2, borderRadius: '2px' },
  },
  '& .cv-name': { color: 'primary.main', fontWeight: 600 },
  '& .cv-empty': { color: 'text.secondary' },
} as const;

export function formatMoney(value: unknown, currency: string | undefined, locale: string): string {
  const amount = Number(value);
  if (!Number.isFinite(amount)) return String(value);
  try {
    return new Intl.NumberFormat(locale, { style: currency ? 'currency' : 'decimal', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount);
  }
}

interface CellValueProps {
  object: RecordObject;
  column: ColumnDef;
  record: AnyRecord;
  nameOf: (userId: string | null | undefined) => string | null;
  /** Links take Tab focus (record pages); in the grid, arrow keys move and Enter opens instead. */
  focusable?: boolean;
}

/** A record's value for one column, formatted for reading. */
export function CellValue({ object, column, record, nameOf, focusable = false }: CellValueProps) {
  const tabIndex = focusable ? undefined : -1;
  const { t, locale, formatNumber, formatDate, formatDay } = useI18n();
  const value = readValue(record, column.key);
  switch (column.kind) {
    case 'name':
      return (
        <RouterLink className="cv-link cv-name" to={`/${object}/${record.id}`} tabIndex={tabIndex} data-testid="record-link">
          {recordTitle(object, record) || t('records.untitled')}
        </RouterLink>
      );
    case 'company':
      if (record.companyName && record.companyId)
        return (
          <RouterLink className="cv-link" to={`/companies/${String(record.companyId)}`} tabIndex={tabIndex}>
            {String(record.companyName)}
          </RouterLink>
        );
      return typeof value === 'string' && value ? <CompanyName id={value} focusable={focusable} /> : <Empty />;
    case 'stage':
      return record.stageName ? <>{String(record.stageName)}</> : <Empty />;
    case 'user':
      return value ? <>{nameOf(String(value)) ?? t('records.unknownUser')}</> : <Empty />;
    default:
      break;
  }
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <Empty />;
  switch (column.kind) {
    case 'email':
      return (
        <a className="cv-link" href={`mailto:${String(value)}`} tabIndex={tabIndex}>
          {String(value)}
        </a>
      );
    case 'url': {
      const href = /^https?:\/\//i.test(String(value)) ? String(value) : `https://${String(value)}`;
      return (
        <a className="cv-link" href={href} target="_blank" rel="noopener noreferrer" tabIndex={tabIndex}>
          {String(value)}
        </a>
      );
    }
    case 'number':
      return <>{formatNumber(Number(value))}</>;
    case 'money':
      return <>{formatMoney(value, typeof record.currency === 'string' ? record.currency : undefined, locale)}</>;
    case 'date':
      return <time dateTime={String(value)}>{formatDay(String(value), { dateStyle: 'medium' })}</time>;
    case 'datetime':
      return <time dateTime={String(value)}>{formatDate(String(value), { dateStyle: 'medium', timeStyle: 'short' })}</time>;
    case 'boolean':
      return <>{value ? t('records.yes') : t('records.no')}</>;
    case 'select': {
      const option = column.options?.find((o) => o.value === value);
      return <>{option ? (option.labelKey ? t(option.labelKey) : option.label) : String(value)}</>;
    }
    case 'tags':
    case 'multiSelect': {
      const items = Array.isArray(value) ? value.map(String) : [String(value)];
      return (
        <Stack direction="row" sx={{ gap: 0.5, overflow: 'hidden' }}>
          {items.map((item) => {
            const option = column.options?.find((o) => o.value === item);
            return <Chip key={item} size="small" label={option?.label ?? item} />;
          })}
        </Stack>
      );
    }
    default:
      return <>{String(value)}</>;
  }
}
