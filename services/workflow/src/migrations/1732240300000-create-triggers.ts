import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationSql, tenantTableSql } from '@meridian/platform';

/** Triggers the engine observed (domain events that can start workflows), with RLS. */
export class CreateTriggers1732240300000 implements MigrationInterface {
  name = 'CreateTriggers1732240300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workflow.triggers (
      event_id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      event_type text NOT NULL,
      subject_id uuid NOT NULL,
      subject_label text NOT NULL,
      observed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX triggers_workspace_observed_idx ON workflow.triggers (workspace_id, observed_at DESC)`);
    for (const sql of tenantTableSql('workflow', 'triggers').up) await q.query(sql);
    for (const sql of outboxMigrationSql('workflow').up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxMigrationSql('workflow').down) await q.query(sql);
    await q.query(`DROP TABLE IF EXISTS workflow.triggers`);
  }
}
