import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError, PermissionDeniedError, TenantDatabase, type Principal } from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/** Why a session ended (kept in users.sessions.revoked_reason). */
export type SessionEndReason =
  | 'logged_out'
  | 'revoked_by_user'
  | 'refresh_token_reused'
  | 'password_changed'
  | 'password_reset'
  | 'email_changed'
  | 'member_removed'
  | 'user_disabled';

export interface SessionDto {
  id: string;
  workspace: { id: string; name: string | null };
  createdAt: string;
  lastUsedAt: string;
  ip: string | null;
  userAgent: string | null;
  expiresAt: string;
  /** The session of the access token making this request. */
  current: boolean;
}

interface SessionRow {
  id: string;
  workspace_id: string;
  created_at: Date;
  last_used_at: Date;
  ip: string | null;
  user_agent: string | null;
  expires_at: Date;
}

const MAX_LISTED = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses account-level actions to API keys: they are not a person's session. */
export function requireUserSession(principal: Principal): void {
  if (principal.apiKeyId) throw new PermissionDeniedError('API keys cannot manage a user account; sign in as the user.');
}

/**
 * A user's signed-in devices across all their workspaces. A session is one refresh-token
 * family; it is live while it is not revoked and still has a live refresh token (so families
 * ended elsewhere — member removal, reuse detection — drop out of the list by themselves).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
  ) {}

  async list(principal: Principal): Promise<SessionDto[]> {
    requireUserSession(principal);
    return this.asUser(principal.userId, async (m) => {
      const rows = (await m.query(
        `SELECT s.id, s.workspace_id, s.created_at, s.last_used_at, host(s.ip) AS ip, s.user_agent, s.expires_at
           FROM users.sessions s
          WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND EXISTS (SELECT 1 FROM users.refresh_tokens r
                         WHERE r.family_id = s.id AND r.revoked_at IS NULL AND r.expires_at > now())
          ORDER BY s.last_used_at DESC, s.id
          LIMIT ${MAX_LISTED}`,
        [principal.userId],
      )) as SessionRow[];
      const names = await this.workspaceNames(m, [...new Set(rows.map((r) => r.workspace_id))]);
      return rows.map((r) => ({
        id: r.id,
        workspace: { id: r.workspace_id, name: names.get(r.workspace_id) ?? null },
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at.toISOString(),
        ip: r.ip,
        userAgent: r.user_agent,
        expiresAt: r.expires_at.toISOString(),
        current: r.id === principal.sessionId,
      }));
    });
  }

  /** Ends one of the caller's sessions (any workspace); 404 when it is not theirs or already over. */
  async revoke(principal: Principal, sessionId: string, origin: RequestOrigin): Promise<void> {
    requireUserSession(principal);
    // A malformed id is just another id that is not one of the caller's sessions.
    if (!UUID.test(sessionId)) throw new NotFoundError('Session');
    const ended = await this.asUser(principal.userId, (m) =>
      this.end(m, principal.userId, { only: sessionId, reason: principal.sessionId === sessionId ? 'logged_out' : 'revoked_by_user' }),
    );
    if (ended.length === 0) throw new NotFoundError('Session');
    await this.audit.record({
      action: 'session.revoked',
      workspaceId: principal.workspaceId,
      actorUserId: principal.userId,
      target: { type: 'session', id: sessionId },
      metadata: { sessionWorkspaceId: ended[0], current: principal.sessionId === sessionId },
      ...origin,
    });
  }

  /** Ends every session of the caller except the current one; returns how many ended. */
  async revokeOthers(principal: Principal, origin: RequestOrigin): Promise<number> {
    requireUserSession(principal);
    const ended = await this.endAllSessions(principal.userId, { except: principal.sessionId, reason: 'revoked_by_user' });
    await this.audit.record({
      action: 'session.revoked',
      workspaceId: principal.workspaceId,
      actorUserId: principal.userId,
      metadata: { scope: 'all_other_sessions', count: ended },
      ...origin,
    });
    return ended;
  }

  /**
   * Ends every session of `userId` — in every workspace, or only in `workspaceId` — except
   * `except` (the caller's own session, after a password change). Every refresh token of
   * those families dies at once; access tokens already issued expire within their TTL
   * (ACCESS_TOKEN_TTL_SECONDS, at most 15 minutes). Returns the number of sessions ended.
   */
  async endAllSessions(
    userId: string,
    options: { except?: string; workspaceId?: string; reason?: SessionEndReason } = {},
  ): Promise<number> {
    const ended = await this.asUser(userId, (m) => this.end(m, userId, { ...options, reason: options.reason ?? 'revoked_by_user' }));
    return ended.length;
  }

  /** Runs `fn` in a transaction that sees the user's own sessions and refresh tokens in every workspace. */
  private asUser<T>(userId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
      return fn(m);
    });
  }

  /** Revokes matching sessions and their refresh tokens; returns the workspace of each session ended. */
  private async end(
    m: EntityManager,
    userId: string,
    o: { only?: string; except?: string; workspaceId?: string; reason: SessionEndReason },
  ): Promise<string[]> {
    const params: unknown[] = [userId];
    const where = ['user_id = $1', 'revoked_at IS NULL'];
    if (o.only) where.push(`id = $${params.push(o.only)}`);
    if (o.except) where.push(`id <> $${params.push(o.except)}`);
    if (o.workspaceId) where.push(`workspace_id = $${params.push(o.workspaceId)}`);
    const [sessions] = (await m.query(
      `UPDATE users.sessions SET revoked_at = now(), revoked_reason = $${params.push(o.reason)} WHERE ${where.join(' AND ')}
        RETURNING id, workspace_id`,
      params,
    )) as [Array<{ id: string; workspace_id: string }>, number];
    // The same filter on refresh tokens (family_id = session id); also catches families without a session row.
    const tokenWhere = where.map((w) => w.replace(/^id /, 'family_id '));
    const [tokens] = (await m.query(
      `UPDATE users.refresh_tokens SET revoked_at = now() WHERE ${tokenWhere.join(' AND ')} RETURNING family_id, workspace_id`,
      params.slice(0, -1),
    )) as [Array<{ family_id: string; workspace_id: string }>, number];
    const ended = new Map(sessions.map((s) => [s.id, s.workspace_id]));
    for (const t of tokens) if (!ended.has(t.family_id)) ended.set(t.family_id, t.workspace_id);
    return [...ended.values()];
  }

  private async workspaceNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of ids) {
      // Workspaces are isolated by their own id: read each name under its own setting.
      await m.query(`SELECT set_config('app.workspace_id', $1, true)`, [id]);
      const ws = await m.findOneBy(WorkspaceEntity, { id });
      if (ws) names.set(id, ws.name);
    }
    await m.query(`SELECT set_config('app.workspace_id', '', true)`);
    return names;
  }
}
