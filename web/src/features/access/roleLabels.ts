import type { MessageKey } from '../../app/i18n';
import type { Permission, Role } from './permissions';

export const roleLabelKeys: Record<Role, MessageKey> = {
  owner: 'roles.owner',
  admin: 'roles.admin',
  manager: 'roles.manager',
  member: 'roles.member',
  viewer: 'roles.viewer',
};

export const roleDescriptionKeys: Record<Role, MessageKey> = {
  owner: 'roles.owner.description',
  admin: 'roles.admin.description',
  manager: 'roles.manager.description',
  member: 'roles.member.description',
  viewer: 'roles.viewer.description',
};

export const permissionLabelKeys: Record<Permission, MessageKey> = {
  'records.read': 'permissions.records.read',
  'records.write': 'permissions.records.write',
  'records.delete': 'permissions.records.delete',
  'records.export': 'permissions.records.export',
  'records.import': 'permissions.records.import',
  'records.erase': 'permissions.records.erase',
  'reports.read': 'permissions.reports.read',
  'reports.manage': 'permissions.reports.manage',
  'workflows.read': 'permissions.workflows.read',
  'workflows.manage': 'permissions.workflows.manage',
  'approvals.decide': 'permissions.approvals.decide',
  'members.read': 'permissions.members.read',
  'members.manage': 'permissions.members.manage',
  'settings.manage': 'permissions.settings.manage',
  'apiKeys.manage': 'permissions.apiKeys.manage',
  'audit.read': 'permissions.audit.read',
  'workspace.export': 'permissions.workspace.export',
};
