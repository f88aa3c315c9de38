import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, PermissionDeniedError, TenantDatabase, type Principal, type Role } from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { SessionTokens, type TokenPair } from '../auth/session-tokens.js';
import { UserEntity } from '../users/user.entity.js';
import { actingRole, actorOf, apiKeyIdOf } from './acting-member.js';
import { AUDIT_RETENTION_DEFAULT_DAYS, type UpdateWorkspaceSettingsInput } from './dto/workspace.schemas.js';
import { MembershipEntity, WorkspaceEntity } from './workspace.entity.js';
import { WorkspaceSettingsEntity } from './workspace-settings.entity.js';

export interface MyWorkspaceDto {
  id: string;
  name: string;
  role: Role;
  joinedAt: string;
  current: boolean;
}

/** The same body as a login: tokens for one workspace, and who/where they are for. */
export interface WorkspaceSession extends TokenPair {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string };
  role: Role;
}

export interface WorkspaceSettingsDto {
  workspaceId: string;
  name: string;
  auditRetentionDays: number;
  updatedAt: string | null;
}

/** The caller's workspaces, switching between them, and workspace settings. */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly db: TenantDatabase,
    @Inject(SessionTokens) private readonly tokens: SessionTokens,
    private readonly audit: AuditLog,
  ) {}

  /** Every workspace the caller belongs to, oldest membership first (an API key sees only its own). */
  async listMine(principal: Principal): Promise<MyWorkspaceDto[]> {
    const onlyCurrent = apiKeyIdOf(principal) !== null;
    return this.db.dataSource.transaction(async (m) => {
      // Memberships are readable for their own user (policy own_memberships) before any workspace is set.
      await m.query(`SELECT set_config('app.user_id', $1, true)`, [principal.userId]);
      const memberships = await m.find(MembershipEntity, {
        where: { userId: principal.userId, ...(onlyCurrent ? { workspaceId: principal.workspaceId } : {}) },
        order: { createdAt: 'ASC' },
      });
      const out: MyWorkspaceDto[] = [];
      for (const membership of memberships) {
        // Workspaces are isolated by their own id: read each name under its own tenant setting.
        await m.query(`SELECT set_config('app.workspace_id', $1, true)`, [membership.workspaceId]);
        const workspace = await m.findOneBy(WorkspaceEntity, { id: membership.workspaceId });
        if (!workspace) continue;
        out.push({
          id: workspace.id,
          name: workspace.name,
          role: membership.role,
          joinedAt: membership.createdAt.toISOString(),
          current: workspace.id === principal.workspaceId,
        });
      }
      return out;
    });
  }

  /** Tokens for another workspace of the caller (a new session there); 404 when not a member. */
  async switchTo(principal: Principal, workspaceId: string, origin: RequestOrigin): Promise<WorkspaceSession> {
    if (apiKeyIdOf(principal)) throw new PermissionDeniedError('API keys belong to one workspace and cannot switch.');
    return this.db.inWorkspace(workspaceId, async (m) => {
      const membership = await m.findOneBy(MembershipEntity, { workspaceId, userId: principal.userId });
      const workspace = membership ? await m.findOneBy(WorkspaceEntity, { id: workspaceId }) : null;
      const user = await m.findOneBy(UserEntity, { id: principal.userId });
      if (!membership || !workspace || !user) throw new NotFoundError('Workspace');
      const pair = await this.tokens.issue(m, { userId: user.id, workspaceId, role: membership.role }, { origin });
      await this.audit.recordIn(m, {
        action: 'auth.workspace_switched',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        metadata: { fromWorkspaceId: principal.workspaceId },
      });
      return {
        accessToken: pair.accessToken,
        refreshToken: pair.refreshToken,
        user: { id: user.id, email: user.email, name: user.name },
        workspace: { id: workspace.id, name: workspace.name },
        role: membership.role,
      };
    });
  }

  async settings(workspaceId: string): Promise<WorkspaceSettingsDto> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      const workspace = await m.findOneByOrFail(WorkspaceEntity, { id: workspaceId });
      const settings = await m.findOneBy(WorkspaceSettingsEntity, { workspaceId });
      return toSettingsDto(workspace, settings);
    });
  }

  async updateSettings(principal: Principal, input: UpdateWorkspaceSettingsInput, origin: RequestOrigin): Promise<WorkspaceSettingsDto> {
    const workspaceId = principal.workspaceId;
    return this.db.inWorkspace(workspaceId, async (m) => {
      await actingRole(m, principal, 'settings.manage');
      const workspace = await m.findOneOrFail(WorkspaceEntity, { where: { id: workspaceId }, lock: { mode: 'pessimistic_write' } });
      let settings = await m.findOneBy(WorkspaceSettingsEntity, { workspaceId });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.name !== undefined && input.name !== workspace.name) {
        changes.name = { from: workspace.name, to: input.name };
        await m.update(WorkspaceEntity, { id: workspaceId }, { name: input.name });
        workspace.name = input.name;
      }
      const retentionBefore = settings?.auditRetentionDays ?? AUDIT_RETENTION_DEFAULT_DAYS;
      if (input.auditRetentionDays !== undefined && input.auditRetentionDays !== retentionBefore) {
        changes.auditRetentionDays = { from: retentionBefore, to: input.auditRetentionDays };
        settings = { workspaceId, auditRetentionDays: input.auditRetentionDays, updatedAt: new Date(), updatedBy: principal.userId };
        await m.upsert(WorkspaceSettingsEntity, settings, ['workspaceId']);
      }
      if (Object.keys(changes).length > 0) {
        await this.audit.recordIn(m, {
          action: 'workspace.settings_changed',
          workspaceId,
          ...actorOf(principal),
          ...origin,
          target: { type: 'workspace', id: workspaceId },
          metadata: { changes },
        });
      }
      return toSettingsDto(workspace, settings);
    });
  }
}

const toSettingsDto = (workspace: WorkspaceEntity, settings: WorkspaceSettingsEntity | null): WorkspaceSettingsDto => ({
  workspaceId: workspace.id,
  name: workspace.name,
  auditRetentionDays: settings?.auditRetentionDays ?? AUDIT_RETENTION_DEFAULT_DAYS,
  updatedAt: settings?.updatedAt.toISOString() ?? null,
});
