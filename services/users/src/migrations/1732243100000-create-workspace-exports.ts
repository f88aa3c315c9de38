import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

/** Workspace data export jobs and their archives. */
export class CreateWorkspaceExports1732243100000 implements MigrationInterface {
  name = 'CreateWorkspaceExports1732243100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users.workspace_exports (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      requested_by uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
      progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      summary jsonb NOT NULL DEFAULT '{"objects": [], "skipped": []}',
      file_path text,
      size_bytes bigint,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      expires_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX workspace_exports_workspace_idx ON users.workspace_exports (workspace_id, created_at DESC)`);
    for (const sql of tenantTableSql('users', 'workspace_exports').up) await q.query(sql);
    // Housekeeping across workspaces runs as the owner: exports whose runner stopped
    // reporting (a crash or restart) fail with a clear reason; expired archives are released.
    await q.query(`CREATE FUNCTION users.fail_stale_workspace_exports(p_stale interval) RETURNS bigint
      LANGUAGE sql SECURITY DEFINER SET search_path = users, pg_temp AS $$
        WITH failed AS (
          UPDATE users.workspace_exports
             SET status = 'failed', error = 'Interrupted by a restart; request a new export.', finished_at = now(), updated_at = now()
           WHERE status IN ('queued', 'running') AND updated_at < now() - p_stale RETURNING 1)
        SELECT count(*) FROM failed $$`);
    await q.query(`CREATE FUNCTION users.release_expired_workspace_exports() RETURNS SETOF text
      LANGUAGE sql SECURITY DEFINER SET search_path = users, pg_temp AS $$
        WITH expired AS (
          SELECT id, file_path FROM users.workspace_exports WHERE file_path IS NOT NULL AND expires_at < now() FOR UPDATE),
        released AS (
          UPDATE users.workspace_exports w SET file_path = NULL, updated_at = now() FROM expired WHERE w.id = expired.id)
        SELECT file_path FROM expired $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS users.release_expired_workspace_exports()`);
    await q.query(`DROP FUNCTION IF EXISTS users.fail_stale_workspace_exports(interval)`);
    await q.query(`DROP TABLE IF EXISTS users.workspace_exports`);
  }
}
