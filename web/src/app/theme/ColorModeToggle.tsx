import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useColorScheme } from '@mui/material/styles';
import { selectIsAuthenticated } from '../../features/auth/authSlice';
import { useUpdatePreferencesMutation } from '../../features/preferences/preferencesApi';
import { useAppSelector } from '../hooks';
import { useT } from '../i18n';

/** Light/dark switch; for a signed-in user the choice is saved to their preferences too. */
export function ColorModeToggle() {
  const t = useT();
  const { mode, systemMode, setMode } = useColorScheme();
  const signedIn = useAppSelector(selectIsAuthenticated);
  const [updatePreferences] = useUpdatePreferencesMutation();
  const current = mode === 'system' ? systemMode : mode;
  const isDark = current === 'dark';
  const label = isDark ? t('theme.toLight') : t('theme.toDark');

  const toggle = () => {
    const next = isDark ? 'light' : 'dark';
    setMode(next);
    if (signedIn) void updatePreferences({ theme: next });
  };

  return (
    <Tooltip title={label}>
      <IconButton onClick={toggle} aria-label={label} color="inherit">
        {isDark ? <LightModeOutlined /> : <DarkModeOutlined />}
      </IconButton>
    </Tooltip>
  );
}
