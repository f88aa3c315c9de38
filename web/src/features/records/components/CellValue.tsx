import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { useI18n } from '../../../app/i18n';
import type { ColumnDef } from '../columns';
import { readValue, recordTitle } from '../columns';
import type { AnyRecord, RecordObject } from '../types';
import { useGetRecordQuery } from '../recordsApi';

function Empty() {
  const { t } = useI18n();
  return (
    <Typography component="span" color="text.secondary" aria-label={t('records.empty')}>
      —
    </Typography>
  );
}

/** A company's name by id (deals carry only the id); cached, so a page of rows costs one request per company. */
export function CompanyName({ id, link = true }: { id: string; link?: boolean }) {
  const { data } = useGetRecordQuery({ object: 'companies', id });
  const name = data ? String(data.name ?? '') : '…';
  if (!link) return <>{name}</>;
  return (
    <Link component={RouterLink} to={`/companies/${id}`} underline="hover" color="inherit" tabIndex={-1}>
      {name}
    </Link>
  );
}

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
}

/** A record's value for one column, formatted for reading. */
export function CellValue({ object, column, record, nameOf }: CellValueProps) {
  const { t, locale, formatNumber, formatDate, formatDay } = useI18n();
  const value = readValue(record, column.key);
  switch (column.kind) {
    case 'name':
      return (
        <Link
          component={RouterLink}
          to={`/${object}/${record.id}`}
          underline="hover"
          sx={{ fontWeight: 600 }}
          tabIndex={-1}
          data-testid="record-link"
        >
          {recordTitle(object, record) || t('records.untitled')}
        </Link>
      );
    case 'company':
      if (record.companyName && record.companyId)
        return (
          <Link component={RouterLink} to={`/companies/${String(record.companyId)}`} underline="hover" color="inherit" tabIndex={-1}>
            {String(record.companyName)}
          </Link>
        );
      return typeof value === 'string' && value ? <CompanyName id={value} /> : <Empty />;
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
        <Link href={`mailto:${String(value)}`} underline="hover" color="inherit" tabIndex={-1}>
          {String(value)}
        </Link>
      );
    case 'url': {
      const href = /^https?:\/\//i.test(String(value)) ? String(value) : `https://${String(value)}`;
      return (
        <Link href={href} target="_blank" rel="noopener noreferrer" underline="hover" color="inherit" tabIndex={-1}>
          {String(value)}
        </Link>
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
