import type { SvgIconComponent } from '@mui/icons-material';
import AdminPanelSettingsOutlined from '@mui/icons-material/AdminPanelSettingsOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import ArchiveOutlined from '@mui/icons-material/ArchiveOutlined';
import GroupOutlined from '@mui/icons-material/GroupOutlined';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import MailOutlined from '@mui/icons-material/MailOutlined';
import PersonOutlined from '@mui/icons-material/PersonOutlined';
import PostAddOutlined from '@mui/icons-material/PostAddOutlined';
import SecurityOutlined from '@mui/icons-material/SecurityOutlined';
import TuneOutlined from '@mui/icons-material/TuneOutlined';
import type { MessageKey } from '../../app/i18n';
import type { Permission } from '../access/permissions';

export interface SettingsSection {
  path: string;
  labelKey: MessageKey;
  icon: SvgIconComponent;
  group: 'account' | 'workspace';
  /** Shown only to roles with this permission; the route is guarded by the same one. */
  permission?: Permission;
}

export const settingsSections: readonly SettingsSection[] = [
  { path: 'profile', labelKey: 'settings.profile', icon: PersonOutlined, group: 'account' },
  { path: 'security', labelKey: 'settings.security', icon: SecurityOutlined, group: 'account' },
  { path: 'preferences', labelKey: 'settings.preferences', icon: TuneOutlined, group: 'account' },
  { path: 'members', labelKey: 'settings.members', icon: GroupOutlined, group: 'workspace', permission: 'members.read' },
  { path: 'roles', labelKey: 'settings.roles', icon: AdminPanelSettingsOutlined, group: 'workspace' },
  { path: 'fields', labelKey: 'settings.fields', icon: PostAddOutlined, group: 'workspace', permission: 'settings.manage' },
  { path: 'pipelines', labelKey: 'settings.pipelines', icon: AccountTreeOutlined, group: 'workspace', permission: 'settings.manage' },
  { path: 'api-keys', labelKey: 'settings.apiKeys', icon: KeyOutlined, group: 'workspace', permission: 'apiKeys.manage' },
  { path: 'audit-log', labelKey: 'settings.auditLog', icon: HistoryOutlined, group: 'workspace', permission: 'audit.read' },
  { path: 'data-export', labelKey: 'settings.dataExport', icon: ArchiveOutlined, group: 'workspace', permission: 'workspace.export' },
  { path: 'emails', labelKey: 'settings.emails', icon: MailOutlined, group: 'workspace', permission: 'settings.manage' },
];
