import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ContactCreatedFact, DailyCount, Warehouse } from './warehouse.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS contact_created (
     event_id VARCHAR PRIMARY KEY,
     workspace_id VARCHAR NOT NULL,
     contact_id VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL)`, // UTC; TIMESTAMPTZ needs the ICU extension, which cannot be downloaded here,
];

/** The embedded warehouse: one DuckDB file, one connection (DuckDB serialises writes). */
export class DuckDbWarehouse implements Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string): Promise<DuckDbWarehouse> {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const sql of SCHEMA) await connection.run(sql);
    return new DuckDbWarehouse(instance, connection);
  }

  async recordContactCreated(fact: ContactCreatedFact): Promise<void> {
    await this.connection.run(
      `INSERT OR IGNORE INTO contact_created VALUES ($eventId, $workspaceId, $contactId, CAST($createdAt AS TIMESTAMP))`,
      {
        eventId: fact.eventId,
        workspaceId: fact.workspaceId,
        contactId: fact.contactId,
        createdAt: fact.createdAt.toISOString().replace('T', ' ').replace('Z', ''),
      },
    );
  }

  async contactsCreatedPerDay(workspaceId: string, fromDay: string): Promise<DailyCount[]> {
    const reader = await this.connection.runAndReadAll(
      `SELECT strftime(created_at, '%Y-%m-%d') AS day, count(*)::INTEGER AS count
         FROM contact_created
        WHERE workspace_id = $workspaceId AND created_at >= CAST($fromDay AS DATE)
        GROUP BY day ORDER BY day`,
      { workspaceId, fromDay },
    );
    return reader.getRowObjectsJson().map((r) => ({ day: String(r.day), count: Number(r.count) }));
  }

  async *exportContactCreated(workspaceId: string): AsyncIterable<Record<string, unknown>> {
    let after = '';
    for (;;) {
      const reader = await this.connection.runAndReadAll(
        `SELECT event_id AS "eventId", contact_id AS "contactId", strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS "createdAt"
           FROM contact_created WHERE workspace_id = $workspaceId AND event_id > $after ORDER BY event_id LIMIT 1000`,
        { workspaceId, after },
      );
      const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
      yield* rows;
      if (rows.length < 1000) return;
      after = String(rows[rows.length - 1]!.eventId);
    }
  }

  async eraseContact(workspaceId: string, contactId: string): Promise<void> {
    await this.connection.run(`DELETE FROM contact_created WHERE workspace_id = $workspaceId AND contact_id = $contactId`, {
      workspaceId,
      contactId,
    });
  }

  async ping(): Promise<void> {
    await this.connection.run('SELECT 1');
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
