import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import { summariseUserAgent } from '../../account/userAgent';
import type { AuditEntry } from '../auditApi';
import { auditActionLabel } from '../auditActions';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A short "key: value" line from an entry's metadata (objects and long values left out, instants formatted). */
function metadataSummary(metadata: Record<string, unknown>, formatInstant: (iso: string) => string): string {
  return Object.entries(metadata)
    .filter(([, v]) => v !== null && ['string', 'number', 'boolean'].includes(typeof v) && String(v).length <= 80)
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${typeof v === 'string' && isoInstant.test(v) ? formatInstant(v) : String(v)}`)
    .join(' · ');
}

export function AuditTable({ entries, loading }: { entries: AuditEntry[]; loading: boolean }) {
  const { t, formatDate } = useI18n();

  const actor = (entry: AuditEntry) => {
    if (!entry.actor) return <Typography color="text.secondary">{t('audit.actor.system')}</Typography>;
    if (entry.actor.apiKey)
      return (
        <>
          <Typography>{t('audit.actor.apiKey', { name: entry.actor.apiKey.name ?? entry.actor.apiKey.id.slice(0, 8) })}</Typography>
          {entry.actor.name && (
            <Typography variant="body2" color="text.secondary">
              {t('audit.actor.onBehalf', { name: entry.actor.name })}
            </Typography>
          )}
        </>
      );
    return (
      <>
        <Typography>{entry.actor.name ?? t('audit.actor.unknown')}</Typography>
        {entry.actor.email && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {entry.actor.email}
          </Typography>
        )}
      </>
    );
  };

  return (
    <TableContainer>
      <Table size="small" aria-label={t('settings.auditLog')} sx={{ minWidth: 760 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 170 }}>{t('audit.column.when')}</TableCell>
            <TableCell>{t('audit.column.action')}</TableCell>
            <TableCell>{t('audit.column.actor')}</TableCell>
            <TableCell>{t('audit.column.target')}</TableCell>
            <TableCell>{t('audit.column.origin')}</TableCell>
          </TableRow>
        </TableHead>
        {loading ? (
          <TableSkeleton columns={5} rows={6} />
        ) : (
          <TableBody>
            {entries.map((entry) => {
              const device = summariseUserAgent(entry.userAgent);
              const summary = metadataSummary(entry.metadata ?? {}, (iso) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }));
              return (
                <TableRow key={entry.id} data-testid="audit-row">
                  <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    <time dateTime={entry.occurredAt}>{formatDate(entry.occurredAt, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
                  </TableCell>
                  <TableCell component="th" scope="row" sx={{ verticalAlign: 'top' }}>
                    <Typography sx={{ fontWeight: 500, display: 'inline' }}>{auditActionLabel(entry.action, t)}</Typography>
                    {entry.outcome === 'failure' && (
                      <Chip size="small" color="error" variant="outlined" label={t('audit.outcome.failure')} sx={{ ml: 1 }} />
                    )}
                    {summary && (
                      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                        {summary}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>{actor(entry)}</TableCell>
                  <TableCell sx={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                    {entry.target ? `${entry.target.type}${entry.target.id ? ` ${entry.target.id.slice(0, 8)}` : ''}` : t('contacts.none')}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    <Typography>{entry.ip ?? t('contacts.none')}</Typography>
                    {(device.browser || device.os) && (
                      <Typography variant="body2" color="text.secondary">
                        {[device.browser, device.os].filter(Boolean).join(' · ')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        )}
      </Table>
    </TableContainer>
  );
}
