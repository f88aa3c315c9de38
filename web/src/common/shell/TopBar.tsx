import MenuIcon from '@mui/icons-material/Menu';
import AppBar from '@mui/material/AppBar';
import IconButton from '@mui/material/IconButton';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import { useT } from '../../app/i18n';
import { ColorModeToggle } from '../../app/theme/ColorModeToggle';
import { SearchButton } from '../../features/search/SearchButton';
import { WorkspaceSwitcher } from '../../features/workspaces/components/WorkspaceSwitcher';
import { UserMenu } from './UserMenu';

interface TopBarProps {
  drawerWidth: number;
  onOpenNav: () => void;
}

export function TopBar({ drawerWidth, onOpenNav }: TopBarProps) {
  const t = useT();
  return (
    <AppBar position="fixed" sx={{ width: { md: `calc(100% - ${drawerWidth}px)` }, ml: { md: `${drawerWidth}px` } }}>
      <Toolbar sx={{ gap: 1 }}>
        <IconButton edge="start" onClick={onOpenNav} aria-label={t('nav.open')} sx={{ display: { md: 'none' } }}>
          <MenuIcon />
        </IconButton>
        <Box sx={{ minWidth: 0, flex: 1, display: 'flex' }}>
          <WorkspaceSwitcher />
        </Box>
        <SearchButton />
        <ColorModeToggle />
        <UserMenu />
      </Toolbar>
    </AppBar>
  );
}
