import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

/**
 * The security audit log: append-only for the app role (no UPDATE/DELETE grant, and a
 * trigger that refuses both for anyone but the schema owner, which runs retention).
 */
export class CreateAuditLog1732241000000 implements MigrationInterface {
  name = 'CreateAuditLog1732241000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users.audit_log (
      id uuid PRIMARY KEY,
      workspace_id uuid,
      actor_user_id uuid,
      actor_api_key_id uuid,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
      target_type text,
      target_id text,
      ip inet,
      user_agent text,
      metadata jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()))`);
    await q.query(`COMMENT ON TABLE users.audit_log IS '@append-only'`);
    await q.query(`CREATE INDEX audit_log_workspace_time_idx ON users.audit_log (workspace_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_workspace_action_idx ON users.audit_log (workspace_id, action, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_log_workspace_actor_idx ON users.audit_log (workspace_id, actor_user_id, occurred_at DESC)`);
    for (const sql of tenantTableSql('users', 'audit_log').up) await q.query(sql);
    // Failed logins for unknown emails belong to no workspace: insertable, never readable by tenants.
    await q.query(`CREATE POLICY audit_without_workspace ON users.audit_log FOR INSERT WITH CHECK (workspace_id IS NULL)`);
    await q.query(`CREATE FUNCTION users.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_user <> (SELECT tableowner FROM pg_tables WHERE schemaname = 'users' AND tablename = 'audit_log') THEN
          RAISE EXCEPTION 'users.audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN COALESCE(OLD, NEW);
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON users.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION users.audit_log_append_only()`);
    // Retention runs as the owner (SECURITY DEFINER), for one workspace at a time.
    await q.query(`CREATE FUNCTION users.purge_audit_log(p_workspace uuid, p_before timestamptz) RETURNS bigint
      LANGUAGE sql SECURITY DEFINER SET search_path = users, pg_temp AS $$
        WITH gone AS (DELETE FROM users.audit_log WHERE workspace_id = p_workspace AND occurred_at < p_before RETURNING 1)
        SELECT count(*) FROM gone $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS users.purge_audit_log(uuid, timestamptz)`);
    await q.query(`DROP TABLE IF EXISTS users.audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS users.audit_log_append_only()`);
  }
}
