import MenuIcon from '@mui/icons-material/Menu';
import AppBar from '@mui/material/AppBar';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { ColorModeToggle } from '../../app/theme/ColorModeToggle';
import { selectWorkspace } from '../../features/auth/authSlice';
import { UserMenu } from './UserMenu';

interface TopBarProps {
  drawerWidth: number;
  onOpenNav: () => void;
}

export function TopBar({ drawerWidth, onOpenNav }: TopBarProps) {
  const t = useT();
  const workspace = useAppSelector(selectWorkspace);
  return (
    <AppBar position="fixed" sx={{ width: { md: `calc(100% - ${drawerWidth}px)` }, ml: { md: `${drawerWidth}px` } }}>
      <Toolbar sx={{ gap: 1 }}>
        <IconButton edge="start" onClick={onOpenNav} aria-label={t('nav.open')} sx={{ display: { md: 'none' } }}>
          <MenuIcon />
        </IconButton>
        <Stack sx={{ minWidth: 0, flex: 1 }}>
          <Typography variant="caption" color="text.secondary" sx={{ lineHeight: 1.2 }}>
            {t('shell.workspace')}
          </Typography>
          <Typography sx={{ fontWeight: 600, lineHeight: 1.3 }} noWrap data-testid="workspace-name">
            {workspace?.name}
          </Typography>
        </Stack>
        <ColorModeToggle />
        <UserMenu />
      </Toolbar>
    </AppBar>
  );
}
