import { Injectable } from '@nestjs/common';
import {
  DEFAULT_RECORD_VISIBILITY,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
  TenantDatabase,
  ValidationError,
  type Permission,
  type Principal,
  type RecordVisibility,
  type Role,
} from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { actingRole, actorOf } from './acting-member.js';
import { RoleSettingEntity } from './workspace-settings.entity.js';

/** Roles whose record visibility is fixed: whoever administers the workspace sees all of it. */
const FIXED_VISIBILITY: ReadonlySet<Role> = new Set<Role>(['owner', 'admin']);

export interface RoleDto {
  role: Role;
  permissions: Permission[];
  recordVisibility: RecordVisibility;
  recordVisibilityEditable: boolean;
}

export interface RoleMatrixDto {
  permissions: readonly Permission[];
  roles: RoleDto[];
}

/** The permission matrix (fixed, from the platform) and per-workspace record visibility. */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
  ) {}

  async matrix(workspaceId: string): Promise<RoleMatrixDto> {
    const settings = await this.db.inWorkspace(workspaceId, (m) => m.findBy(RoleSettingEntity, { workspaceId }));
    const visibility = new Map(settings.map((s) => [s.role, s.recordVisibility]));
    return { permissions: PERMISSIONS, roles: ROLES.map((role) => toRoleDto(role, visibility.get(role))) };
  }

  async setRecordVisibility(principal: Principal, role: Role, recordVisibility: RecordVisibility, origin: RequestOrigin): Promise<RoleDto> {
    if (FIXED_VISIBILITY.has(role) && recordVisibility !== 'all') {
      throw new ValidationError([{ field: 'recordVisibility', message: 'Owners and admins always see every record.' }]);
    }
    const workspaceId = principal.workspaceId;
    return this.db.inWorkspace(workspaceId, async (m) => {
      await actingRole(m, principal, 'settings.manage');
      const current = await m.findOne(RoleSettingEntity, { where: { workspaceId, role }, lock: { mode: 'pessimistic_write' } });
      const before = current?.recordVisibility ?? DEFAULT_RECORD_VISIBILITY[role];
      if (before !== recordVisibility) {
        await m.upsert(RoleSettingEntity, { workspaceId, role, recordVisibility, updatedAt: new Date(), updatedBy: principal.userId }, [
          'workspaceId',
          'role',
        ]);
        await this.audit.recordIn(m, {
          action: 'role.visibility_changed',
          workspaceId,
          ...actorOf(principal),
          ...origin,
          target: { type: 'role', id: role },
          metadata: { from: before, to: recordVisibility },
        });
      }
      return toRoleDto(role, recordVisibility);
    });
  }
}

const toRoleDto = (role: Role, visibility: RecordVisibility | undefined): RoleDto => ({
  role,
  permissions: PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].has(p)),
  recordVisibility: visibility ?? DEFAULT_RECORD_VISIBILITY[role],
  recordVisibilityEditable: !FIXED_VISIBILITY.has(role),
});
