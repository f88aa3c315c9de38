import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationSql, tenantTableSql, CURRENT_WORKSPACE_SQL } from '@meridian/platform';

const CURRENT_USER_SQL = `nullif(current_setting('app.user_id', true), '')::uuid`;

/** Users, workspaces, memberships, refresh tokens, signing keys; RLS on tenant tables. */
export class CreateIdentity1732240000000 implements MigrationInterface {
  name = 'CreateIdentity1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users.users (
      id uuid PRIMARY KEY,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users.users (lower(email))`);
    await q.query(`CREATE TABLE users.workspaces (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE users.memberships (
      workspace_id uuid NOT NULL REFERENCES users.workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner','admin','manager','member','viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, user_id))`);
    await q.query(`CREATE INDEX memberships_user_idx ON users.memberships (user_id)`);
    await q.query(`CREATE TABLE users.refresh_tokens (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES users.workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      family_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      family_expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      replaced_by uuid,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON users.refresh_tokens (family_id)`);
    await q.query(`CREATE TABLE users.signing_keys (
      kid text PRIMARY KEY,
      alg text NOT NULL,
      public_jwk jsonb NOT NULL,
      private_jwk_encrypted text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz)`);
    for (const table of ['memberships', 'refresh_tokens']) {
      for (const sql of tenantTableSql('users', table).up) await q.query(sql);
    }
    // Login must find a user's memberships before a workspace is chosen: the user may
    // see their own rows (app.user_id), never anyone else's.
    await q.query(`CREATE POLICY own_memberships ON users.memberships FOR SELECT USING (user_id = ${CURRENT_USER_SQL})`);
    await q.query(`ALTER TABLE users.workspaces ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users.workspaces FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY workspace_isolation ON users.workspaces USING (id = ${CURRENT_WORKSPACE_SQL}) WITH CHECK (id = ${CURRENT_WORKSPACE_SQL})`,
    );
    for (const sql of outboxMigrationSql('users').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('users').down) await q.query(sql);
    for (const t of ['signing_keys', 'refresh_tokens', 'memberships', 'workspaces', 'users'])
      await q.query(`DROP TABLE IF EXISTS users.${t}`);
  }
}
