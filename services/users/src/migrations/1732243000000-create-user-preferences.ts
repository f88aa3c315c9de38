import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

/** User preferences per workspace (the embedded default of the PreferenceStore). */
export class CreateUserPreferences1732243000000 implements MigrationInterface {
  name = 'CreateUserPreferences1732243000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users.user_preferences (
      workspace_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users.users(id) ON DELETE CASCADE,
      preferences jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, user_id))`);
    for (const sql of tenantTableSql('users', 'user_preferences').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS users.user_preferences`);
  }
}
