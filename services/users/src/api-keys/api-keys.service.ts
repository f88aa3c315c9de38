import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ConflictError,
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
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { userName } from '../workspaces/user-name.js';
import { actingRole, actorOf, apiKeyIdOf } from '../workspaces/acting-member.js';
import { assertCanGrant, lowerRole } from '../workspaces/role-rules.js';
import { MembershipEntity } from '../workspaces/workspace.entity.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { apiKeyMapper, apiKeyStatus, type ApiKeyDto, type CreatedApiKeyDto } from './api-key.mapper.js';
import { apiKeySecret } from './api-key-secret.js';
import type { ApiKeyStatus, CreateApiKeyInput, ListApiKeysQuery } from './dto/api-key.schemas.js';

/** Active keys per workspace. */
export const MAX_ACTIVE_API_KEYS = 100;
/** How long other services may cache a resolved key: a revocation takes effect within this. */
export const RESOLVE_CACHE_TTL_SECONDS = 30;

const STATUS_SQL: Record<ApiKeyStatus, string> = {
  active: 'k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())',
  expired: 'k.revoked_at IS NULL AND k.expires_at <= now()',
  revoked: 'k.revoked_at IS NOT NULL',
};

interface ApiKeyRow {
  id: string;
  workspace_id: string;
  name: string;
  role: Role;
  secret_hash: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  cursor_at: string;
  creator_name: string | null;
}

const date = (v: Date | null): Date | null => (v ? new Date(v) : null);
const rowToEntity = (r: ApiKeyRow): ApiKeyEntity => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  role: r.role,
  secretHash: r.secret_hash,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  expiresAt: date(r.expires_at),
  lastUsedAt: date(r.last_used_at),
  revokedAt: date(r.revoked_at),
  revokedBy: r.revoked_by,
});

/** Who a valid key acts as, for any service's guard. */
export interface ResolvedApiKey {
  apiKeyId: string;
  workspaceId: string;
  userId: string;
  role: Role;
  cacheTtlSeconds: number;
}

/** API keys: create (secret shown once), list, revoke, and resolve for other services' guards. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
  ) {}

  async create(principal: Principal, input: CreateApiKeyInput, origin: RequestOrigin): Promise<CreatedApiKeyDto> {
    // A key minting keys would outlive its own revocation.
    if (apiKeyIdOf(principal)) throw new PermissionDeniedError('API keys cannot create API keys: sign in to create one.');
    const workspaceId = principal.workspaceId;
    return this.db.inWorkspace(workspaceId, async (m) => {
      assertCanGrant(await actingRole(m, principal, 'apiKeys.manage'), input.role);
      const [count] = (await m.query(`SELECT count(*)::int AS n FROM users.api_keys k WHERE k.workspace_id = $1 AND ${STATUS_SQL.active}`, [
        workspaceId,
      ])) as { n: number }[];
      if ((count?.n ?? 0) >= MAX_ACTIVE_API_KEYS) {
        throw new ConflictError(`A workspace can have at most ${MAX_ACTIVE_API_KEYS} active API keys: revoke unused ones first.`);
      }
      const id = randomUUID();
      const { key, hash } = apiKeySecret.issue(workspaceId, id);
      const entity: ApiKeyEntity = {
        id,
        workspaceId,
        name: input.name,
        role: input.role,
        secretHash: hash,
        createdBy: principal.userId,
        createdAt: new Date(),
        expiresAt: input.expiresAt,
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      };
      await m.insert(ApiKeyEntity, entity);
      await this.audit.recordIn(m, {
        action: 'api_key.created',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        target: { type: 'api_key', id },
        metadata: { name: entity.name, role: entity.role, expiresAt: entity.expiresAt?.toISOString() ?? null },
      });
      return { ...apiKeyMapper.toDto(entity, await userName(m, principal.userId)), key };
    });
  }

  async list(workspaceId: string, query: ListApiKeysQuery): Promise<Page<ApiKeyDto>> {
    const params: unknown[] = [workspaceId];
    let where = 'k.workspace_id = $1';
    if (query.status) where += ` AND ${STATUS_SQL[query.status]}`;
    if (query.cursor) {
      const before = keysetCursor.decode(query.cursor);
      params.push(before.at, before.id);
      where += ` AND (k.created_at, k.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(query.limit + 1);
    const rows: ApiKeyRow[] = await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `SELECT k.*, ${cursorAtSql('k.created_at')} AS cursor_at, u.name AS creator_name
           FROM users.api_keys k LEFT JOIN users.users u ON u.id = k.created_by
          WHERE ${where} ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return toPage(rows, query.limit, (r) => apiKeyMapper.toDto(rowToEntity(r), r.creator_name));
  }

  /** Revokes a key at once here; services that cached it stop accepting it within the cache TTL. */
  async revoke(principal: Principal, id: string, origin: RequestOrigin): Promise<void> {
    const workspaceId = principal.workspaceId;
    await this.db.inWorkspace(workspaceId, async (m) => {
      await actingRole(m, principal, 'apiKeys.manage');
      const key = await m.findOne(ApiKeyEntity, { where: { id, workspaceId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new NotFoundError('API key');
      if (key.revokedAt) return;
      await m.update(ApiKeyEntity, { id, workspaceId }, { revokedAt: new Date(), revokedBy: principal.userId });
      await this.audit.recordIn(m, {
        action: 'api_key.revoked',
        workspaceId,
        ...actorOf(principal),
        ...origin,
        target: { type: 'api_key', id },
        metadata: { name: key.name, role: key.role },
      });
    });
  }

  /**
   * Resolves a presented key. Unknown, revoked, expired, mismatched and orphaned keys (the
   * creator left) are all the same NOT_FOUND. The key acts with the lower of its own role and
   * its creator's current role. Last use is written at most once a minute.
   */
  async resolve(key: string, callerWorkspaceId: string | undefined): Promise<ResolvedApiKey> {
    const parsed = apiKeySecret.parse(key);
    if (!parsed || parsed.workspaceId !== callerWorkspaceId) throw new NotFoundError('API key');
    const { workspaceId, keyId } = parsed;
    return this.db.inWorkspace(workspaceId, async (m) => {
      const row = await m.findOneBy(ApiKeyEntity, { id: keyId, workspaceId });
      if (!row || !apiKeySecret.matches(key, row.secretHash) || apiKeyStatus(row) !== 'active' || !row.createdBy) {
        throw new NotFoundError('API key');
      }
      const creator = await m.findOneBy(MembershipEntity, { workspaceId, userId: row.createdBy });
      if (!creator) throw new NotFoundError('API key');
      await m.query(
        `UPDATE users.api_keys SET last_used_at = now()
          WHERE id = $1 AND workspace_id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [keyId, workspaceId],
      );
      const untilExpiry = row.expiresAt ? Math.floor((row.expiresAt.getTime() - Date.now()) / 1000) : Infinity;
      return {
        apiKeyId: row.id,
        workspaceId,
        userId: row.createdBy,
        role: lowerRole(row.role, creator.role),
        cacheTtlSeconds: Math.max(1, Math.min(RESOLVE_CACHE_TTL_SECONDS, untilExpiry)),
      };
    });
  }
}
