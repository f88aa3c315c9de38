import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useColorScheme } from '@mui/material/styles';
import { useT } from '../i18n';

export function ColorModeToggle() {
  const t = useT();
  const { mode, systemMode, setMode } = useColorScheme();
  const current = mode === 'system' ? systemMode : mode;
  const isDark = current === 'dark';
  const label = isDark ? t('theme.toLight') : t('theme.toDark');

  return (
    <Tooltip title={label}>
      <IconButton onClick={() => setMode(isDark ? 'light' : 'dark')} aria-label={label} color="inherit">
        {isDark ? <LightModeOutlined /> : <DarkModeOutlined />}
      </IconButton>
    </Tooltip>
  );
}
