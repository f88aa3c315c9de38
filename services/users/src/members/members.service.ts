import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import {
  NotFoundError,
  PermissionDeniedError,
  TenantDatabase,
  type Principal,
  type Role,
  cursorAtSql,
  keysetCursor,
  toPage,
  type Page,
} from '@meridian/platform';
import { ApiKeyEntity } from '../api-keys/api-key.entity.js';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { RefreshTokenEntity } from '../auth/refresh-token.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { actingRole, actorOf, apiKeyIdOf, lockWorkspaceMembers } from '../workspaces/acting-member.js';
import { assertCanGrant, assertCanManage, assertOwnerRemains } from '../workspaces/role-rules.js';
import { MembershipEntity } from '../workspaces/workspace.entity.js';
import type { ListMembersQuery } from './dto/member.schemas.js';
import { memberMapper, type MemberDto, type MemberRow } from './member.mapper.js';

const MEMBER_COLUMNS = `ms.user_id AS id, ms.role, ms.created_at, ${cursorAtSql('ms.created_at')} AS cursor_at, u.name, u.email`;

/** Members of a workspace: list, change role, remove, leave. Owners are never all gone. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
  ) {}

  async list(workspaceId: string, query: ListMembersQuery): Promise<Page<MemberDto>> {
    const params: unknown[] = [workspaceId];
    let where = 'ms.workspace_id = $1';
    if (query.role) {
      params.push(query.role);
      where += ` AND ms.role = $${params.length}`;
    }
    if (query.cursor) {
      const after = keysetCursor.decode(query.cursor);
      params.push(after.at, after.id);
      where += ` AND (ms.created_at, ms.user_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(query.limit + 1);
    const rows: MemberRow[] = await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `SELECT ${MEMBER_COLUMNS} FROM users.memberships ms JOIN users.users u ON u.id = ms.user_id
          WHERE ${where} ORDER BY ms.created_at, ms.user_id LIMIT $${params.length}`,
        params,
      ),
    );
    return toPage(rows, query.limit, memberMapper.toDto);
  }

  async get(workspaceId: string, userId: string): Promise<MemberDto> {
    return this.db.inWorkspace(workspaceId, async (m) => memberMapper.toDto(await this.find(m, workspaceId, userId)));
  }

  async changeRole(principal: Principal, userId: string, role: Role, origin: RequestOrigin): Promise<MemberDto> {
    const workspaceId = principal.workspaceId;
    return this.db.inWorkspace(workspaceId, async (m) => {
      await lockWorkspaceMembers(m, workspaceId);
      const actor = await actingRole(m, principal, 'members.manage');
      const target = await this.find(m, workspaceId, userId);
      if (target.role === role) return memberMapper.toDto(target);
      assertCanManage(actor, target.role);
      assertCanGrant(actor, role);
      if (target.role === 'owner') assertOwnerRemains(await this.otherOwners(m, workspaceId, userId));
      await m.update(MembershipEntity, { workspaceId, userId }, { role });
      await this.audit.recordIn(m, {
        action: 'member.role_changed',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        target: { type: 'user', id: userId },
        metadata: { from: target.role, to: role, email: target.email },
      });
      return memberMapper.toDto({ ...target, role });
    });
  }

  /** Removes a member: their sessions in this workspace end and the API keys they created are revoked. */
  async remove(principal: Principal, userId: string, origin: RequestOrigin): Promise<void> {
    const workspaceId = principal.workspaceId;
    await this.db.inWorkspace(workspaceId, async (m) => {
      await lockWorkspaceMembers(m, workspaceId);
      const target = await this.find(m, workspaceId, userId);
      // Leaving needs no permission; removing someone else does, with the caller's current role.
      if (userId !== principal.userId) assertCanManage(await actingRole(m, principal, 'members.manage'), target.role);
      if (target.role === 'owner') assertOwnerRemains(await this.otherOwners(m, workspaceId, userId));
      const detached = await this.detach(m, workspaceId, userId, principal.userId);
      await this.audit.recordIn(m, {
        action: userId === principal.userId ? 'member.left' : 'member.removed',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        target: { type: 'user', id: userId },
        metadata: { role: target.role, email: target.email, ...detached },
      });
    });
  }

  /** The caller leaves the current workspace (the last owner cannot). */
  leave(principal: Principal, origin: RequestOrigin): Promise<void> {
    if (apiKeyIdOf(principal)) throw new PermissionDeniedError('An API key cannot leave a workspace for its creator.');
    return this.remove(principal, principal.userId, origin);
  }

  private async find(m: EntityManager, workspaceId: string, userId: string): Promise<MemberRow> {
    const [row] = (await m.query(
      `SELECT ${MEMBER_COLUMNS} FROM users.memberships ms JOIN users.users u ON u.id = ms.user_id
        WHERE ms.workspace_id = $1 AND ms.user_id = $2`,
      [workspaceId, userId],
    )) as MemberRow[];
    if (!row) throw new NotFoundError('Member');
    return row;
  }

  private async otherOwners(m: EntityManager, workspaceId: string, userId: string): Promise<number> {
    const [row] = (await m.query(
      `SELECT count(*)::int AS n FROM users.memberships WHERE workspace_id = $1 AND role = 'owner' AND user_id <> $2`,
      [workspaceId, userId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  private async detach(
    m: EntityManager,
    workspaceId: string,
    userId: string,
    byUserId: string,
  ): Promise<{ sessionsEnded: number; apiKeysRevoked: number }> {
    const now = new Date();
    await m.delete(MembershipEntity, { workspaceId, userId });
    const sessions = await m.update(
      SessionEntity,
      { workspaceId, userId, revokedAt: IsNull() },
      { revokedAt: now, revokedReason: 'member_removed' },
    );
    await m.update(RefreshTokenEntity, { workspaceId, userId, revokedAt: IsNull() }, { revokedAt: now });
    const keys = await m.update(
      ApiKeyEntity,
      { workspaceId, createdBy: userId, revokedAt: IsNull() },
      { revokedAt: now, revokedBy: byUserId },
    );
    return { sessionsEnded: sessions.affected ?? 0, apiKeysRevoked: keys.affected ?? 0 };
  }
}
