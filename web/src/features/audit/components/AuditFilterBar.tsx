import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useI18n } from '../../../app/i18n';
import type { Member } from '../../members/types';
import { AUDIT_ACTIONS, auditActionLabel } from '../auditActions';
import { isBackwardsRange, type AuditFilterParams } from '../auditFilters';

interface AuditFilterBarProps {
  filters: AuditFilterParams;
  members: Member[];
  onChange: (next: AuditFilterParams) => void;
}

/** Filter controls, and the active filters as chips that each remove themselves. */
export function AuditFilterBar({ filters, members, onChange }: AuditFilterBarProps) {
  const { t, formatDay } = useI18n();
  const set = (key: keyof AuditFilterParams) => (event: { target: { value: string } }) =>
    onChange({ ...filters, [key]: event.target.value });
  const actorName = (id: string) => members.find((m) => m.userId === id)?.name ?? t('audit.actor.unknown');
  const backwards = isBackwardsRange(filters);
  const dayLabel = (d: string) => formatDay(d, { dateStyle: 'medium' });

  const chips: Array<{ key: keyof AuditFilterParams; label: string }> = [];
  if (filters.action) chips.push({ key: 'action', label: t('audit.chip.action', { value: auditActionLabel(filters.action, t) }) });
  if (filters.outcome)
    chips.push({
      key: 'outcome',
      label: t('audit.chip.outcome', { value: filters.outcome === 'success' ? t('audit.outcome.success') : t('audit.outcome.failure') }),
    });
  if (filters.actor) chips.push({ key: 'actor', label: t('audit.chip.actor', { value: actorName(filters.actor) }) });
  if (filters.from) chips.push({ key: 'from', label: t('audit.chip.from', { value: dayLabel(filters.from) }) });
  if (filters.to) chips.push({ key: 'to', label: t('audit.chip.to', { value: dayLabel(filters.to) }) });

  return (
    <Stack sx={{ gap: 1.5, mb: 2 }} component="search" aria-label={t('audit.filters')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, flexWrap: 'wrap', '& > *': { flex: { sm: '1 1 180px' } } }}>
        <TextField select size="small" name="action" label={t('audit.filter.action')} value={filters.action} onChange={set('action')}>
          <MenuItem value="">{t('audit.filter.anyAction')}</MenuItem>
          {AUDIT_ACTIONS.map((action) => (
            <MenuItem key={action} value={action}>
              {auditActionLabel(action, t)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" name="outcome" label={t('audit.filter.outcome')} value={filters.outcome} onChange={set('outcome')}>
          <MenuItem value="">{t('audit.filter.anyOutcome')}</MenuItem>
          <MenuItem value="success">{t('audit.outcome.success')}</MenuItem>
          <MenuItem value="failure">{t('audit.outcome.failure')}</MenuItem>
        </TextField>
        <TextField select size="small" name="actor" label={t('audit.filter.actor')} value={filters.actor} onChange={set('actor')}>
          <MenuItem value="">{t('audit.filter.anyone')}</MenuItem>
          {members.map((m) => (
            <MenuItem key={m.userId} value={m.userId}>
              {m.name}
            </MenuItem>
          ))}
          {filters.actor && !members.some((m) => m.userId === filters.actor) && (
            <MenuItem value={filters.actor}>{actorName(filters.actor)}</MenuItem>
          )}
        </TextField>
        <TextField
          size="small"
          type="date"
          name="from"
          label={t('audit.filter.from')}
          value={filters.from}
          onChange={set('from')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          type="date"
          name="to"
          label={t('audit.filter.to')}
          value={filters.to}
          onChange={set('to')}
          error={backwards}
          helperText={backwards ? t('audit.filter.backwards') : undefined}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Stack>
      {chips.length > 0 && (
        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }} data-testid="audit-filter-chips">
          {chips.map((chip) => (
            <Chip
              key={chip.key}
              label={chip.label}
              // The whole chip removes its filter (click, Enter, Backspace or Delete); its name says so.
              aria-label={t('audit.chip.remove', { filter: chip.label })}
              onClick={() => onChange({ ...filters, [chip.key]: '' })}
              onDelete={() => onChange({ ...filters, [chip.key]: '' })}
            />
          ))}
          <Button size="small" onClick={() => onChange({ action: '', outcome: '', actor: '', from: '', to: '' })}>
            {t('audit.filter.clear')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
