import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationSql } from '@meridian/platform';

/** The ai schema's outbox and processed-events inbox. */
export class CreateAiInbox1732240400000 implements MigrationInterface {
  name = 'CreateAiInbox1732240400000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('ai').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('ai').down) await q.query(sql);
  }
}
