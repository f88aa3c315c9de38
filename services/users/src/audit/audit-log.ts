import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '@meridian/platform';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** Security actions recorded in the audit log (quality.md case 21); also the allowlist of the viewer's `action` filter. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.mfa',
  'auth.password_changed',
  'auth.password_reset',
  'auth.email_changed',
  'auth.email_verified',
  'auth.workspace_switched',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.recovery_codes_regenerated',
  'session.revoked',
  'member.invited',
  'member.invite_resent',
  'member.invite_revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'member.left',
  'role.visibility_changed',
  'api_key.created',
  'api_key.revoked',
  'workspace.settings_changed',
  'workspace.exported',
  'records.exported',
  'audit.purged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where a request came from: kept with every entry. */
export interface RequestOrigin {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntryInput extends RequestOrigin {
  action: AuditAction;
  outcome?: 'success' | 'failure';
  /** Null for events outside any workspace (a failed login for an unknown email). */
  workspaceId: string | null;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  target?: { type: string; id: string };
  metadata?: Record<string, unknown>;
}

const toEntity = (e: AuditEntryInput): AuditEntryEntity => ({
  id: randomUUID(),
  workspaceId: e.workspaceId,
  actorUserId: e.actorUserId ?? null,
  actorApiKeyId: e.actorApiKeyId ?? null,
  action: e.action,
  outcome: e.outcome ?? 'success',
  targetType: e.target?.type ?? null,
  targetId: e.target?.id ?? null,
  ip: e.ip ?? null,
  userAgent: e.userAgent ? e.userAgent.slice(0, 512) : null,
  metadata: e.metadata ?? {},
  occurredAt: new Date(),
});

/**
 * Appends to the audit log. `recordIn` joins the caller's transaction (the entry commits
 * with the change); `record` writes on its own, for failures whose transaction rolls back.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly db: TenantDatabase) {}

  async recordIn(manager: EntityManager, entry: AuditEntryInput): Promise<void> {
    // TypeORM's deep-partial type cannot express a jsonb Record; the entity is complete.
    await manager.insert(AuditEntryEntity, toEntity(entry) as never);
  }

  async record(entry: AuditEntryInput): Promise<void> {
    if (entry.workspaceId) {
      await this.db.inWorkspace(entry.workspaceId, (m) => this.recordIn(m, entry));
      return;
    }
    // No workspace: the row is invisible to every tenant (RLS) but kept for operators.
    await this.db.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.workspace_id', '', true)`);
      await m.query(
        `INSERT INTO users.audit_log (id, workspace_id, actor_user_id, action, outcome, ip, user_agent, metadata) VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)`,
        [
          randomUUID(),
          entry.actorUserId ?? null,
          entry.action,
          entry.outcome ?? 'success',
          entry.ip ?? null,
          entry.userAgent ?? null,
          entry.metadata ?? {},
        ],
      );
    });
  }
}
