import { useState } from 'react';
import { Outlet } from 'react-router';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useT } from '../../app/i18n';
import { EmailVerificationBanner } from '../../features/account/components/EmailVerificationBanner';
import { PreferencesSync } from '../../features/preferences/components/PreferencesSync';
import { visuallyHiddenSx } from '../components/VisuallyHidden';
import { BrandMark } from './BrandMark';
import { NavList } from './NavList';
import { TopBar } from './TopBar';

const drawerWidth = 232;

function DrawerContent({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  return (
    <>
      <Toolbar>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1.25 }}>
          <BrandMark />
          <Typography sx={{ fontWeight: 700, fontSize: '1.125rem' }}>{t('app.name')}</Typography>
        </Stack>
      </Toolbar>
      <NavList onNavigate={onNavigate} />
    </>
  );
}

/** Left navigation, top bar and the routed page. */
export function AppShell() {
  const t = useT();
  const [mobileOpen, setMobileOpen] = useState(false);

  return (
    <Box sx={{ display: 'flex', minHeight: '100dvh', bgcolor: 'background.default' }}>
      <PreferencesSync />
      <Link
        href="#main"
        sx={{
          ...visuallyHiddenSx,
          '&:focus': {
            clip: 'auto',
            width: 'auto',
            height: 'auto',
            margin: 0,
            zIndex: 2000,
            top: 8,
            left: 8,
            p: 1,
            bgcolor: 'background.paper',
          },
        }}
      >
        {t('app.skipToContent')}
      </Link>
      <TopBar drawerWidth={drawerWidth} onOpenNav={() => setMobileOpen(true)} />
      <Box sx={{ width: { md: drawerWidth }, flexShrink: { md: 0 } }}>
        <Drawer
          variant="temporary"
          open={mobileOpen}
          onClose={() => setMobileOpen(false)}
          sx={{ display: { xs: 'block', md: 'none' }, '& .MuiDrawer-paper': { width: drawerWidth } }}
        >
          <DrawerContent onNavigate={() => setMobileOpen(false)} />
        </Drawer>
        <Drawer
          variant="permanent"
          open
          sx={{ display: { xs: 'none', md: 'block' }, '& .MuiDrawer-paper': { width: drawerWidth, boxSizing: 'border-box' } }}
        >
          <DrawerContent />
        </Drawer>
      </Box>
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, px: { xs: 2, sm: 3, lg: 4 }, pb: 6, outline: 'none' }}>
        <Toolbar />
        <Box sx={{ pt: 3, maxWidth: 1280, mx: 'auto' }}>
          <EmailVerificationBanner />
          <Outlet />
        </Box>
      </Box>
    </Box>
  );
}
