import { useMemo } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { detectLocale } from '../../../app/i18n/createI18n';
import { SettingsCard } from '../../settings/SettingsCard';
import type { Preferences, PreferencesPatch } from '../types';

// Formatting locales offered; messages are in English until a catalog exists for the language.
const locales = ['en-US', 'en-GB', 'en-AU', 'en-CA', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'sv-SE', 'pl-PL', 'ja-JP'];
/** The select's value for "no preference" (stored as null). */
const browserDefault = 'browser';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

interface RegionCardProps {
  preferences: Preferences;
  onChange: (patch: PreferencesPatch) => void;
}

/** Locale (number and date formats) and time zone; "browser default" stores null. */
export function RegionCard({ preferences, onChange }: RegionCardProps) {
  const { t, formatDate, formatNumber, locale } = useI18n();
  const zones = useMemo(timeZones, []);
  const names = useMemo(() => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' });
    } catch {
      return null;
    }
  }, [locale]);
  const localeName = (tag: string) => `${names?.of(tag) ?? tag} (${tag})`;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <SettingsCard title={t('preferences.region')} description={t('preferences.regionHelp')}>
      <Stack sx={{ gap: 2, maxWidth: 480 }}>
        <TextField
          select
          name="locale"
          label={t('preferences.locale')}
          value={preferences.locale ?? browserDefault}
          onChange={(event) => onChange({ locale: event.target.value === browserDefault ? null : event.target.value })}
        >
          <MenuItem value={browserDefault}>{t('preferences.browserDefault', { value: localeName(detectLocale()) })}</MenuItem>
          {locales.map((tag) => (
            <MenuItem key={tag} value={tag}>
              {localeName(tag)}
            </MenuItem>
          ))}
        </TextField>
        <Autocomplete
          options={zones}
          value={preferences.timeZone}
          onChange={(_event, value) => onChange({ timeZone: value })}
          autoHighlight
          renderInput={(params) => (
            <TextField
              {...params}
              name="timeZone"
              label={t('preferences.timeZone')}
              placeholder={t('preferences.browserDefault', { value: browserZone })}
              helperText={t('preferences.timeZoneHelp', { zone: browserZone })}
            />
          )}
        />
        <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
          {t('preferences.sample', {
            date: formatDate(new Date(), { dateStyle: 'full', timeStyle: 'short' }),
            number: formatNumber(1234567.89),
          })}
        </Typography>
      </Stack>
    </SettingsCard>
  );
}
