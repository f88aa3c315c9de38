import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

/** The words of a contact's name, as the dictionary stores them (lower-case letters only). */
const NAME_WORDS = (row: string) => `regexp_split_to_table(lower(${row}.first_name || ' ' || ${row}.last_name), '[^[:alpha:]]+') AS w`;

/**
 * Search: a per-workspace dictionary of the words in contacts' names. A trigram index
 * over a million people's full search text costs tens of milliseconds per typo query
 * (long posting lists for common trigrams); correcting each typed word against the few
 * thousand distinct name words and then looking people up by the exact corrected names
 * (btree) stays in single milliseconds. Kept current by statement-level triggers (one
 * INSERT ... ON CONFLICT DO NOTHING per statement, so imports pay once per batch).
 */
export class CrmSearchWords1763802000000 implements MigrationInterface {
  name = 'CrmSearchWords1763802000000';

  async up(q: QueryRunner): Promise<void> {
    const run = async (sql: string) => q.query(sql);
    await run(`CREATE TABLE crm.search_words (
      workspace_id uuid NOT NULL,
      word text NOT NULL,
      PRIMARY KEY (workspace_id, word))`);
    await run(`CREATE INDEX search_words_trgm ON crm.search_words USING gin (word gin_trgm_ops)`);
    for (const sql of tenantTableSql('crm', 'search_words').up) await run(sql);

    await run(`CREATE FUNCTION crm.contacts_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO crm.search_words (workspace_id, word)
        SELECT DISTINCT n.workspace_id, w FROM new_rows n, ${NAME_WORDS('n')} WHERE length(w) >= 2
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await run(`CREATE TRIGGER contacts_search_words_insert AFTER INSERT ON crm.contacts
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm.contacts_search_words()`);
    await run(`CREATE TRIGGER contacts_search_words_update AFTER UPDATE ON crm.contacts
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm.contacts_search_words()`);

    // Existing people: FORCE RLS binds the migrator (owner) too, so the backfill lifts it briefly.
    await run(`ALTER TABLE crm.contacts NO FORCE ROW LEVEL SECURITY`);
    await run(`ALTER TABLE crm.search_words NO FORCE ROW LEVEL SECURITY`);
    await run(`INSERT INTO crm.search_words (workspace_id, word)
      SELECT DISTINCT c.workspace_id, w FROM crm.contacts c, ${NAME_WORDS('c')} WHERE length(w) >= 2
      ON CONFLICT DO NOTHING`);
    await run(`ALTER TABLE crm.contacts FORCE ROW LEVEL SECURITY`);
    await run(`ALTER TABLE crm.search_words FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS contacts_search_words_update ON crm.contacts`);
    await q.query(`DROP TRIGGER IF EXISTS contacts_search_words_insert ON crm.contacts`);
    await q.query(`DROP FUNCTION IF EXISTS crm.contacts_search_words()`);
    await q.query(`DROP TABLE IF EXISTS crm.search_words`);
  }
}
