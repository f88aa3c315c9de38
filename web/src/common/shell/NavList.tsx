import { NavLink, useLocation, matchPath } from 'react-router';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import { useAppSelector } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { can } from '../../features/access/permissions';
import { selectRole } from '../../features/auth/authSlice';
import { navItems } from './navItems';

export function NavList({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const role = useAppSelector(selectRole);
  const visible = navItems.filter((item) => !item.permission || can(role, item.permission));
  return (
    <nav aria-label={t('nav.label')}>
      <List sx={{ px: 1.5, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
        {visible.map(({ to, labelKey, icon: Icon, end }) => {
          const active = matchPath({ path: to, end: end ?? false }, pathname) !== null;
          return (
            <ListItem key={to} disablePadding>
              <ListItemButton component={NavLink} to={to} end={end} selected={active} onClick={onNavigate}>
                <ListItemIcon>
                  <Icon />
                </ListItemIcon>
                <ListItemText primary={t(labelKey)} />
              </ListItemButton>
            </ListItem>
          );
        })}
      </List>
    </nav>
  );
}
