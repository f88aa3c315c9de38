import type { SvgIconComponent } from '@mui/icons-material';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import ApartmentOutlined from '@mui/icons-material/ApartmentOutlined';
import HomeOutlined from '@mui/icons-material/HomeOutlined';
import MonetizationOnOutlined from '@mui/icons-material/MonetizationOnOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import ViewKanbanOutlined from '@mui/icons-material/ViewKanbanOutlined';
import type { MessageKey } from '../../app/i18n';
import type { Permission } from '../../features/access/permissions';

export interface NavItem {
  to: string;
  labelKey: MessageKey;
  icon: SvgIconComponent;
  /** Exact match only (for the index route). */
  end?: boolean;
  /** Shown only to roles with this permission (the page itself is guarded too). */
  permission?: Permission;
}

// Only pages that exist. New features add themselves here when they ship.
export const navItems: readonly NavItem[] = [
  { to: '/', labelKey: 'nav.home', icon: HomeOutlined, end: true },
  { to: '/contacts', labelKey: 'nav.contacts', icon: PeopleOutlined, permission: 'records.read' },
  { to: '/companies', labelKey: 'nav.companies', icon: ApartmentOutlined, permission: 'records.read' },
  { to: '/deals', labelKey: 'nav.deals', icon: MonetizationOnOutlined, permission: 'records.read', end: true },
  { to: '/tasks', labelKey: 'nav.tasks', icon: TaskAltOutlined, permission: 'records.read' },
  { to: '/deals/pipeline', labelKey: 'nav.pipeline', icon: ViewKanbanOutlined, permission: 'records.read' },
  { to: '/imports', labelKey: 'nav.imports', icon: UploadFileOutlined, permission: 'records.import' },
  { to: '/duplicates', labelKey: 'nav.duplicates', icon: ContentCopyOutlined, permission: 'records.read' },
  { to: '/settings', labelKey: 'nav.settings', icon: SettingsOutlined },
];
