import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import { useColorScheme } from '@mui/material/styles';
import { useT } from '../../../app/i18n';
import { SettingsCard } from '../../settings/SettingsCard';
import type { Density, Preferences, PreferencesPatch, ThemePreference } from '../types';

interface AppearanceCardProps {
  preferences: Preferences;
  onChange: (patch: PreferencesPatch) => void;
}

export function AppearanceCard({ preferences, onChange }: AppearanceCardProps) {
  const t = useT();
  const { setMode } = useColorScheme();
  return (
    <SettingsCard title={t('preferences.appearance')} description={t('preferences.appearanceHelp')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: { xs: 2, sm: 6 } }}>
        <FormControl>
          <FormLabel id="theme-label">{t('preferences.theme')}</FormLabel>
          <RadioGroup
            aria-labelledby="theme-label"
            name="theme"
            value={preferences.theme}
            onChange={(event) => {
              const theme = event.target.value as ThemePreference;
              setMode(theme);
              onChange({ theme });
            }}
          >
            <FormControlLabel value="light" control={<Radio />} label={t('preferences.theme.light')} />
            <FormControlLabel value="dark" control={<Radio />} label={t('preferences.theme.dark')} />
            <FormControlLabel value="system" control={<Radio />} label={t('preferences.theme.system')} />
          </RadioGroup>
        </FormControl>
        <FormControl>
          <FormLabel id="density-label">{t('preferences.density')}</FormLabel>
          <RadioGroup
            aria-labelledby="density-label"
            name="density"
            value={preferences.density}
            onChange={(event) => onChange({ density: event.target.value as Density })}
          >
            <FormControlLabel value="comfortable" control={<Radio />} label={t('preferences.density.comfortable')} />
            <FormControlLabel value="compact" control={<Radio />} label={t('preferences.density.compact')} />
          </RadioGroup>
        </FormControl>
      </Stack>
    </SettingsCard>
  );
}
