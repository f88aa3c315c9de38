import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

const CURRENT_USER_SQL = `nullif(current_setting('app.user_id', true), '')::uuid`;

/**
 * Accounts and sessions: email verification, one-time account tokens (verification, reset,
 * email change), sessions (one per refresh-token family), TOTP MFA with recovery codes and
 * login challenges, and external identities (Firebase / OIDC).
 *
 * Sessions and refresh tokens stay tenant tables; a narrower policy also lets a user reach
 * their own rows across workspaces (app.user_id), so "end every session" is one statement.
 */
export class AccountsAndSessions1732241010000 implements MigrationInterface {
  name = 'AccountsAndSessions1732241010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users.users ADD COLUMN email_verified_at timestamptz`);
    await q.query(`ALTER TABLE users.users ALTER COLUMN password_hash DROP NOT NULL`);

    await q.query(`CREATE TABLE users.sessions (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES users.workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      ip inet,
      user_agent text,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text)`);
    await q.query(`CREATE INDEX sessions_user_idx ON users.sessions (user_id, last_used_at DESC)`);
    for (const sql of tenantTableSql('users', 'sessions').up) await q.query(sql);
    for (const table of ['sessions', 'refresh_tokens']) {
      await q.query(`CREATE POLICY own_${table}_select ON users.${table} FOR SELECT USING (user_id = ${CURRENT_USER_SQL})`);
      await q.query(
        `CREATE POLICY own_${table}_update ON users.${table} FOR UPDATE USING (user_id = ${CURRENT_USER_SQL}) WITH CHECK (user_id = ${CURRENT_USER_SQL})`,
      );
    }
    await q.query(`CREATE INDEX refresh_tokens_live_user_idx ON users.refresh_tokens (user_id) WHERE revoked_at IS NULL`);

    await q.query(`CREATE TABLE users.account_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
      token_hash text NOT NULL UNIQUE,
      email text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX account_tokens_user_purpose_idx ON users.account_tokens (user_id, purpose) WHERE used_at IS NULL`);

    await q.query(`CREATE TABLE users.mfa_totp (
      user_id uuid PRIMARY KEY REFERENCES users.users(id) ON DELETE CASCADE,
      secret_encrypted text NOT NULL,
      confirmed_at timestamptz,
      last_used_step bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE users.mfa_recovery_codes (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, code_hash))`);
    await q.query(`CREATE TABLE users.mfa_challenges (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      method text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      expires_at timestamptz NOT NULL,
      consumed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX mfa_challenges_expiry_idx ON users.mfa_challenges (expires_at)`);

    await q.query(`CREATE TABLE users.external_identities (
      provider text NOT NULL,
      subject text NOT NULL,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      email text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider, subject))`);
    await q.query(`CREATE INDEX external_identities_user_idx ON users.external_identities (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['external_identities', 'mfa_challenges', 'mfa_recovery_codes', 'mfa_totp', 'account_tokens'])
      await q.query(`DROP TABLE IF EXISTS users.${t}`);
    await q.query(`DROP INDEX IF EXISTS users.refresh_tokens_live_user_idx`);
    for (const table of ['sessions', 'refresh_tokens']) {
      await q.query(`DROP POLICY IF EXISTS own_${table}_update ON users.${table}`);
      await q.query(`DROP POLICY IF EXISTS own_${table}_select ON users.${table}`);
    }
    await q.query(`DROP TABLE IF EXISTS users.sessions`);
    // Accounts without a password cannot survive the old NOT NULL: they keep an unusable hash.
    await q.query(`UPDATE users.users SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users.users ALTER COLUMN password_hash SET NOT NULL`);
    await q.query(`ALTER TABLE users.users DROP COLUMN IF EXISTS email_verified_at`);
  }
}
