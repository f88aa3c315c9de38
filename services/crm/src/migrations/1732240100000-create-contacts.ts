import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationSql, tenantTableSql } from '@meridian/platform';

/** Contacts (people) with RLS, and the crm outbox/inbox. */
export class CreateContacts1732240100000 implements MigrationInterface {
  name = 'CreateContacts1732240100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE crm.contacts (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text NOT NULL,
      phone text,
      company_name text,
      created_by uuid,
      -- millisecond precision: keyset cursors round-trip through JS dates exactly
      created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
      updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()))`);
    // Newest-first keyset pagination within a workspace.
    await q.query(`CREATE INDEX contacts_workspace_created_idx ON crm.contacts (workspace_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX contacts_workspace_email_idx ON crm.contacts (workspace_id, lower(email))`);
    for (const sql of tenantTableSql('crm', 'contacts').up) await q.query(sql);
    for (const sql of outboxMigrationSql('crm').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('crm').down) await q.query(sql);
    await q.query(`DROP TABLE IF EXISTS crm.contacts`);
  }
}
