import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

const ROLE_CHECK = `CHECK (role IN ('owner','admin','manager','member','viewer'))`;
const TENANT_TABLES = ['invites', 'api_keys', 'workspace_settings', 'role_settings'];

/**
 * Invites, API keys, workspace settings (audit retention) and per-role record visibility.
 * The audit retention sweep lists every workspace through one SECURITY DEFINER function;
 * the policies that let it do so apply to the schema owner only, never to the app role.
 */
export class CreateWorkspacePeople1732242000000 implements MigrationInterface {
  name = 'CreateWorkspacePeople1732242000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users.invites (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES users.workspaces(id) ON DELETE CASCADE,
      email text NOT NULL,
      role text NOT NULL ${ROLE_CHECK},
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES users.users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      sent_count integer NOT NULL DEFAULT 1,
      last_sent_at timestamptz NOT NULL DEFAULT now(),
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users.users(id) ON DELETE SET NULL,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users.users(id) ON DELETE SET NULL)`);
    // One open invite per address and workspace (an expired one is closed before a new one is made).
    await q.query(
      `CREATE UNIQUE INDEX invites_open_email_key ON users.invites (workspace_id, lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX invites_workspace_created_idx ON users.invites (workspace_id, created_at DESC, id DESC)`);

    await q.query(`CREATE TABLE users.api_keys (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES users.workspaces(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      role text NOT NULL ${ROLE_CHECK},
      secret_hash text NOT NULL,
      created_by uuid REFERENCES users.users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users.users(id) ON DELETE SET NULL)`);
    await q.query(`CREATE INDEX api_keys_workspace_created_idx ON users.api_keys (workspace_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX api_keys_workspace_creator_idx ON users.api_keys (workspace_id, created_by) WHERE revoked_at IS NULL`);

    await q.query(`CREATE TABLE users.workspace_settings (
      workspace_id uuid PRIMARY KEY REFERENCES users.workspaces(id) ON DELETE CASCADE,
      audit_retention_days integer NOT NULL DEFAULT 365 CHECK (audit_retention_days BETWEEN 30 AND 3650),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users.users(id) ON DELETE SET NULL)`);

    await q.query(`CREATE TABLE users.role_settings (
      workspace_id uuid NOT NULL REFERENCES users.workspaces(id) ON DELETE CASCADE,
      role text NOT NULL ${ROLE_CHECK},
      record_visibility text NOT NULL CHECK (record_visibility IN ('all', 'team')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users.users(id) ON DELETE SET NULL,
      PRIMARY KEY (workspace_id, role))`);

    // The members list pages by join time.
    await q.query(`CREATE INDEX memberships_workspace_created_idx ON users.memberships (workspace_id, created_at, user_id)`);

    for (const table of TENANT_TABLES) {
      for (const sql of tenantTableSql('users', table).up) await q.query(sql);
    }

    // Retention sweep: the owner (running the SECURITY DEFINER function) may list workspaces
    // and their retention; the app role still sees only its current workspace.
    await q.query(`DO $$ BEGIN
      EXECUTE format('CREATE POLICY retention_sweep ON users.workspaces FOR SELECT TO %I USING (true)', current_user);
      EXECUTE format('CREATE POLICY retention_sweep ON users.workspace_settings FOR SELECT TO %I USING (true)', current_user);
    END $$`);
    await q.query(`CREATE FUNCTION users.audit_retention_policies() RETURNS TABLE (workspace_id uuid, retention_days integer)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = users, pg_temp AS $$
        SELECT w.id, coalesce(s.audit_retention_days, 365)
          FROM users.workspaces w LEFT JOIN users.workspace_settings s ON s.workspace_id = w.id
         ORDER BY w.id $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS users.audit_retention_policies()`);
    await q.query(`DROP POLICY IF EXISTS retention_sweep ON users.workspaces`);
    await q.query(`DROP INDEX IF EXISTS users.memberships_workspace_created_idx`);
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS users.${table}`);
  }
}
