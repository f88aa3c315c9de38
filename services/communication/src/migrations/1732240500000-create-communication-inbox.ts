import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationSql } from '@meridian/platform';

/** The communication schema's outbox and processed-events inbox. */
export class CreateCommunicationInbox1732240500000 implements MigrationInterface {
  name = 'CreateCommunicationInbox1732240500000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('communication').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('communication').down) await q.query(sql);
  }
}
