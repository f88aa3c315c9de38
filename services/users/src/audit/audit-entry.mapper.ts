export interface AuditRow {
  id: string;
  action: string;
  outcome: 'success' | 'failure';
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  api_key_name: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  metadata: Record<string, unknown>;
  occurred_at: Date;
  cursor_at: string;
}

export interface AuditEntryDto {
  id: string;
  occurredAt: string;
  action: string;
  outcome: 'success' | 'failure';
  /** Null for system actions (retention) and events without a known actor. */
  actor: { userId: string | null; name: string | null; email: string | null; apiKey: { id: string; name: string | null } | null } | null;
  target: { type: string; id: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
}

export const auditEntryMapper = {
  toDto: (r: AuditRow): AuditEntryDto => ({
    id: r.id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    action: r.action,
    outcome: r.outcome,
    actor:
      r.actor_user_id || r.actor_api_key_id
        ? {
            userId: r.actor_user_id,
            name: r.actor_name,
            email: r.actor_email,
            apiKey: r.actor_api_key_id ? { id: r.actor_api_key_id, name: r.api_key_name } : null,
          }
        : null,
    target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
    ip: r.ip,
    userAgent: r.user_agent,
    metadata: r.metadata,
  }),
};
