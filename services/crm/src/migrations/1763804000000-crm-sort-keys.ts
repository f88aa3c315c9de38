import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name sorts and their keyset cursors run on the stored lower-case key columns
 * (first_name_key, last_name_key, name_key) instead of lower(...) expressions: under row-level
 * security only leakproof conditions may drive an index, and lower() is not leakproof, so a
 * cursor like `(lower(last_name), id) > (...)` was a filter and deep pages scanned the
 * workspace from its start. Plain text and uuid comparisons are leakproof.
 */
export class CrmSortKeys1763804000000 implements MigrationInterface {
  name = 'CrmSortKeys1763804000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contacts_last_name_key_id_idx ON crm.contacts (workspace_id, last_name_key, id)`);
    await q.query(`CREATE INDEX contacts_first_name_key_id_idx ON crm.contacts (workspace_id, first_name_key, id)`);
    await q.query(`CREATE INDEX companies_name_key_id_idx ON crm.companies (workspace_id, name_key, id)`);
    await q.query(`CREATE INDEX deals_name_key_id_idx ON crm.deals (workspace_id, name_key, id)`);
    // The expression indexes they replace served only ORDER BY.
    await q.query(`DROP INDEX crm.contacts_last_name_idx`);
    await q.query(`DROP INDEX crm.contacts_first_name_idx`);
    await q.query(`DROP INDEX crm.companies_name_idx`);
    await q.query(`DROP INDEX crm.deals_name_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contacts_last_name_idx ON crm.contacts (workspace_id, lower(last_name), id)`);
    await q.query(`CREATE INDEX contacts_first_name_idx ON crm.contacts (workspace_id, lower(first_name), id)`);
    await q.query(`CREATE INDEX companies_name_idx ON crm.companies (workspace_id, lower(name), id)`);
    await q.query(`CREATE INDEX deals_name_idx ON crm.deals (workspace_id, lower(name), id)`);
    await q.query(`DROP INDEX crm.contacts_last_name_key_id_idx`);
    await q.query(`DROP INDEX crm.contacts_first_name_key_id_idx`);
    await q.query(`DROP INDEX crm.companies_name_key_id_idx`);
    await q.query(`DROP INDEX crm.deals_name_key_id_idx`);
  }
}
