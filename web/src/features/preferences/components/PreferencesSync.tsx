import { useEffect } from 'react';
import { useColorScheme } from '@mui/material/styles';
import { useGetPreferencesQuery } from '../preferencesApi';

/**
 * Applies the signed-in user's saved preferences to this browser: colour theme and table
 * density (locale and time zone are read by the i18n provider). Renders nothing.
 */
export function PreferencesSync() {
  const { data } = useGetPreferencesQuery();
  const { setMode } = useColorScheme();
  const theme = data?.theme;
  const density = data?.density;

  useEffect(() => {
    if (theme) setMode(theme);
  }, [theme, setMode]);

  useEffect(() => {
    if (!density) return;
    document.documentElement.dataset.density = density;
    return () => {
      delete document.documentElement.dataset.density;
    };
  }, [density]);

  return null;
}
