import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * users.purge_audit_log runs as the owner and is callable by the app role: it now refuses to
 * delete entries younger than the workspace's retention setting (30–3650 days, default 365),
 * so a compromised service cannot wipe recent history through it.
 */
export class GuardAuditPurge1732242000001 implements MigrationInterface {
  name = 'GuardAuditPurge1732242000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION users.purge_audit_log(p_workspace uuid, p_before timestamptz) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = users, pg_temp AS $$
      DECLARE
        retention integer;
        deleted bigint;
      BEGIN
        SELECT coalesce((SELECT audit_retention_days FROM users.workspace_settings WHERE workspace_id = p_workspace), 365) INTO retention;
        IF p_before > now() - make_interval(days => retention) THEN
          RAISE EXCEPTION 'audit entries of this workspace are kept % days', retention USING ERRCODE = 'insufficient_privilege';
        END IF;
        WITH gone AS (DELETE FROM users.audit_log WHERE workspace_id = p_workspace AND occurred_at < p_before RETURNING 1)
        SELECT count(*) INTO deleted FROM gone;
        RETURN deleted;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION users.purge_audit_log(p_workspace uuid, p_before timestamptz) RETURNS bigint
      LANGUAGE sql SECURITY DEFINER SET search_path = users, pg_temp AS $$
        WITH gone AS (DELETE FROM users.audit_log WHERE workspace_id = p_workspace AND occurred_at < p_before RETURNING 1)
        SELECT count(*) FROM gone $$`);
  }
}
