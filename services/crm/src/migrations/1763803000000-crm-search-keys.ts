import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search keys the app role can use under row-level security. With RLS on, Postgres only
 * lets leakproof conditions drive an index: `lower(first_name) >= $1` (lower() is not
 * leakproof) and pg_trgm's `%`/`<%` cannot, so the expression and trigram indexes were
 * bypassed for every tenant query — a search walked the whole workspace. Plain stored
 * columns compared with text's (leakproof) operators can: lower-cased names (composite,
 * so "first + last" is one index range), a company's and a deal's lower-cased name, and
 * the phone reversed, so "the last digits someone remembers" is a prefix.
 */
export class CrmSearchKeys1763803000000 implements MigrationInterface {
  name = 'CrmSearchKeys1763803000000';

  async up(q: QueryRunner): Promise<void> {
    const run = async (sql: string) => q.query(sql);
    await run(`ALTER TABLE crm.contacts
      ADD COLUMN first_name_key text GENERATED ALWAYS AS (lower(first_name)) STORED,
      ADD COLUMN last_name_key text GENERATED ALWAYS AS (lower(last_name)) STORED,
      ADD COLUMN phone_reversed text GENERATED ALWAYS AS (reverse(phone)) STORED`);
    await run(`CREATE INDEX contacts_first_key_idx ON crm.contacts (workspace_id, first_name_key, last_name_key)`);
    await run(`CREATE INDEX contacts_last_key_idx ON crm.contacts (workspace_id, last_name_key, first_name_key)`);
    await run(`CREATE INDEX contacts_phone_reversed_idx ON crm.contacts (workspace_id, phone_reversed) WHERE phone_reversed IS NOT NULL`);
    await run(`ALTER TABLE crm.companies ADD COLUMN name_key text GENERATED ALWAYS AS (lower(name)) STORED`);
    await run(`CREATE INDEX companies_name_key_idx ON crm.companies (workspace_id, name_key)`);
    await run(`ALTER TABLE crm.deals ADD COLUMN name_key text GENERATED ALWAYS AS (lower(name)) STORED`);
    await run(`CREATE INDEX deals_name_key_idx ON crm.deals (workspace_id, name_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.deals DROP COLUMN IF EXISTS name_key`);
    await q.query(`ALTER TABLE crm.companies DROP COLUMN IF EXISTS name_key`);
    await q.query(
      `ALTER TABLE crm.contacts DROP COLUMN IF EXISTS phone_reversed, DROP COLUMN IF EXISTS last_name_key, DROP COLUMN IF EXISTS first_name_key`,
    );
  }
}
