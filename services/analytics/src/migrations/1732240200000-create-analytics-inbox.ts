import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationSql } from '@meridian/platform';

/** The analytics schema's outbox and processed-events inbox (facts live in the warehouse). */
export class CreateAnalyticsInbox1732240200000 implements MigrationInterface {
  name = 'CreateAnalyticsInbox1732240200000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('analytics').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('analytics').down) await q.query(sql);
  }
}
