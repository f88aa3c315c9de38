import type { SvgIconComponent } from '@mui/icons-material';
import HomeOutlined from '@mui/icons-material/HomeOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import type { MessageKey } from '../../app/i18n';

export interface NavItem {
  to: string;
  labelKey: MessageKey;
  icon: SvgIconComponent;
  /** Exact match only (for the index route). */
  end?: boolean;
}

// Only pages that exist. New features add themselves here when they ship.
export const navItems: readonly NavItem[] = [
  { to: '/', labelKey: 'nav.home', icon: HomeOutlined, end: true },
  { to: '/contacts', labelKey: 'nav.contacts', icon: PeopleOutlined },
];
