import { Injectable } from '@nestjs/common';
import { TenantDatabase, cursorAtSql, keysetCursor, toPage, type Page } from '@meridian/platform';
import { auditEntryMapper, type AuditEntryDto, type AuditRow } from './audit-entry.mapper.js';
import type { AuditQuery } from './dto/audit-query.schemas.js';

/** Reads the workspace's audit log: newest first, filtered, keyset-paged (indexes: workspace + time/action/actor). */
@Injectable()
export class AuditViewerService {
  constructor(private readonly db: TenantDatabase) {}

  async list(workspaceId: string, query: AuditQuery): Promise<Page<AuditEntryDto>> {
    const params: unknown[] = [workspaceId];
    const where = ['a.workspace_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (query.action) add((n) => `a.action = $${n}`, query.action);
    if (query.actorUserId) add((n) => `a.actor_user_id = $${n}`, query.actorUserId);
    if (query.outcome) add((n) => `a.outcome = $${n}`, query.outcome);
    if (query.from) add((n) => `a.occurred_at >= $${n}`, query.from);
    if (query.to) add((n) => `a.occurred_at < $${n}`, query.to);
    if (query.cursor) {
      const before = keysetCursor.decode(query.cursor);
      params.push(before.at, before.id);
      where.push(`(a.occurred_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: AuditRow[] = await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `SELECT a.id, a.action, a.outcome, a.actor_user_id, a.actor_api_key_id, a.target_type, a.target_id,
                host(a.ip) AS ip, a.user_agent, a.metadata, a.occurred_at, ${cursorAtSql('a.occurred_at')} AS cursor_at,
                u.name AS actor_name, u.email AS actor_email, k.name AS api_key_name
           FROM users.audit_log a
           LEFT JOIN users.users u ON u.id = a.actor_user_id
           LEFT JOIN users.api_keys k ON k.id = a.actor_api_key_id AND k.workspace_id = a.workspace_id
          WHERE ${where.join(' AND ')}
          ORDER BY a.occurred_at DESC, a.id DESC
          LIMIT $${params.length}`,
        params,
      ),
    );
    return toPage(rows, query.limit, auditEntryMapper.toDto);
  }
}
