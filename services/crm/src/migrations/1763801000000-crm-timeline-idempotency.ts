import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency for activities and tasks created by other services (gRPC LogActivity and
 * CreateTask are retried by workflows: the same key must never log twice), and an index
 * for task lists that are not filtered by assignee (sorted by due date).
 */
export class CrmTimelineIdempotency1763801000000 implements MigrationInterface {
  name = 'CrmTimelineIdempotency1763801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.activities ADD COLUMN idempotency_key text`);
    await q.query(
      `CREATE UNIQUE INDEX activities_idempotency_uq ON crm.activities (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`ALTER TABLE crm.tasks ADD COLUMN idempotency_key text`);
    await q.query(
      `CREATE UNIQUE INDEX tasks_idempotency_uq ON crm.tasks (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`CREATE INDEX tasks_due_idx ON crm.tasks (workspace_id, due_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS crm.tasks_due_idx`);
    await q.query(`DROP INDEX IF EXISTS crm.tasks_idempotency_uq`);
    await q.query(`ALTER TABLE crm.tasks DROP COLUMN IF EXISTS idempotency_key`);
    await q.query(`DROP INDEX IF EXISTS crm.activities_idempotency_uq`);
    await q.query(`ALTER TABLE crm.activities DROP COLUMN IF EXISTS idempotency_key`);
  }
}
