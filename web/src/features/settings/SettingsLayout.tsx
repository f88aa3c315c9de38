import { Fragment } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { can } from '../access/permissions';
import { selectRole } from '../auth/authSlice';
import { settingsSections } from './settingsSections';

const groups = [
  { id: 'account', labelKey: 'settings.group.account' },
  { id: 'workspace', labelKey: 'settings.group.workspace' },
] as const;

/** Settings: a section list (a scrollable row on phones) and the chosen section. */
export function SettingsLayout() {
  const t = useT();
  const role = useAppSelector(selectRole);
  const { pathname } = useLocation();
  const visible = settingsSections.filter((s) => !s.permission || can(role, s.permission));

  return (
    <>
      <Typography variant="h1" sx={{ mb: 3 }}>
        {t('settings.title')}
      </Typography>
      <Box sx={{ display: 'flex', flexDirection: { xs: 'column', md: 'row' }, gap: { xs: 2, md: 4 }, alignItems: 'flex-start' }}>
        <Box component="nav" aria-label={t('settings.navLabel')} sx={{ width: { xs: '100%', md: 220 }, flexShrink: 0 }}>
          <List
            sx={{
              display: 'flex',
              flexDirection: { xs: 'row', md: 'column' },
              gap: 0.5,
              overflowX: { xs: 'auto', md: 'visible' },
              py: 0,
              // Room for the focus ring of the first and last items when the row scrolls.
              px: { xs: 0.5, md: 0 },
            }}
          >
            {groups.map((group) => {
              const items = visible.filter((s) => s.group === group.id);
              if (items.length === 0) return null;
              return (
                <Fragment key={group.id}>
                  <ListSubheader
                    disableSticky
                    component="li"
                    sx={{
                      display: { xs: 'none', md: 'block' },
                      bgcolor: 'transparent',
                      lineHeight: 2.5,
                      px: 1.5,
                      mt: group.id === 'account' ? 0 : 1.5,
                    }}
                  >
                    {t(group.labelKey)}
                  </ListSubheader>
                  {items.map(({ path, labelKey, icon: Icon }) => {
                    const to = `/settings/${path}`;
                    const active = pathname === to || pathname.startsWith(`${to}/`);
                    return (
                      <ListItem key={path} disablePadding sx={{ width: { xs: 'auto', md: '100%' }, flexShrink: 0 }}>
                        <ListItemButton component={NavLink} to={to} selected={active} sx={{ py: { xs: 0.75, md: 1 } }}>
                          <ListItemIcon sx={{ minWidth: { xs: 30, md: 36 } }}>
                            <Icon fontSize="small" />
                          </ListItemIcon>
                          <ListItemText primary={t(labelKey)} slotProps={{ primary: { noWrap: true } }} />
                        </ListItemButton>
                      </ListItem>
                    );
                  })}
                </Fragment>
              );
            })}
          </List>
        </Box>
        <Box sx={{ flex: 1, minWidth: 0, width: { xs: '100%', md: 'auto' } }}>
          <Outlet />
        </Box>
      </Box>
    </>
  );
}
