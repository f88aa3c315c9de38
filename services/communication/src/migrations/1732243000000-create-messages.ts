import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

/** `app.email_delivery = on`: set only by the delivery worker's claim transaction. */
const DELIVERY = `current_setting('app.email_delivery', true) = 'on'`;

/**
 * Outbound messages (email for now): the record of what was sent and, while `queued`, the
 * delivery queue itself. Tenant-isolated with FORCE RLS; the delivery worker may find and
 * lease due rows across workspaces only with `app.email_delivery = on` (SELECT/UPDATE, like
 * the outbox relay policy). It reads and writes a message's content only inside that
 * message's workspace transaction.
 */
export class CreateMessages1732243000000 implements MigrationInterface {
  name = 'CreateMessages1732243000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE communication.messages (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email')),
      category text NOT NULL CHECK (category IN ('verification', 'password_reset', 'invite', 'security_notice')),
      to_address text NOT NULL,
      from_address text NOT NULL,
      subject text NOT NULL,
      text_body text,
      html_body text,
      status text NOT NULL CHECK (status IN ('queued', 'sent', 'stored', 'failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      provider_message_id text,
      idempotency_key text NOT NULL,
      -- when the next attempt is due (queued only) and until when a worker holds the message
      next_attempt_at timestamptz,
      locked_until timestamptz,
      -- secret-bearing bodies (reset, verification, invite links) are dropped once delivery ends
      body_purged_at timestamptz,
      -- millisecond precision: keyset cursors round-trip through JS dates exactly
      created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
      updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
      sent_at timestamptz,
      CONSTRAINT messages_workspace_idempotency_key UNIQUE (workspace_id, idempotency_key),
      CONSTRAINT messages_queued_has_due_time CHECK (status <> 'queued' OR next_attempt_at IS NOT NULL))`);
    // Newest-first keyset pagination (and the hourly per-workspace count) within a workspace.
    await q.query(`CREATE INDEX messages_workspace_created_idx ON communication.messages (workspace_id, created_at DESC, id DESC)`);
    // The delivery worker's scan: only queued rows, by due time.
    await q.query(`CREATE INDEX messages_due_idx ON communication.messages (next_attempt_at) WHERE status = 'queued'`);
    for (const sql of tenantTableSql('communication', 'messages').up) await q.query(sql);
    await q.query(`CREATE POLICY messages_delivery_read ON communication.messages FOR SELECT USING (${DELIVERY})`);
    await q.query(
      `CREATE POLICY messages_delivery_lease ON communication.messages FOR UPDATE USING (${DELIVERY}) WITH CHECK (${DELIVERY})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS communication.messages`);
  }
}
