import { outboxChannel, safeIdent } from './sql-ident.js';

/** Tenant predicate shared by every policy: rows of the workspace set for this transaction. */
const TENANT = `workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid`;
const RELAY = `current_setting('app.outbox_relay', true) = 'on'`;

/**
 * DDL for a service's transactional outbox and consumer inbox, for the service's own
 * TypeORM migration to run (`up` in order, `down` to revert). The migration also grants
 * table privileges to the app role; this only creates tables, policies and indexes.
 *
 * - `seq` is an identity column rather than `bigserial`: identity sequences need no
 *   separate USAGE grant, so a table-only GRANT is enough for the app role to insert.
 * - FORCE ROW LEVEL SECURITY so the policies hold even for the owning migrator role.
 * - The relay policies are SELECT/UPDATE only and need `app.outbox_relay = on` in the
 *   transaction. That is a guard against accidental cross-tenant reads by request code,
 *   not a boundary against code that runs as the app role on purpose.
 * - A statement trigger NOTIFYs `<schema>_outbox`; NOTIFY is delivered on commit only,
 *   so the relay wakes for committed rows and never for rolled-back ones.
 */
export function outboxMigrationSql(schema: string): { up: string[]; down: string[] } {
  const s = safeIdent(schema);
  const channel = outboxChannel(schema);
  const up = [
    `CREATE TABLE ${s}.outbox (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      type text NOT NULL,
      subject text NOT NULL,
      workspace_id uuid NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text NULL
    )`,
    `CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (seq) WHERE published_at IS NULL`,
    `CREATE INDEX outbox_workspace_idx ON ${s}.outbox (workspace_id, seq)`,
    `ALTER TABLE ${s}.outbox ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${s}.outbox FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY outbox_tenant ON ${s}.outbox USING (${TENANT}) WITH CHECK (${TENANT})`,
    `CREATE POLICY outbox_relay_read ON ${s}.outbox FOR SELECT USING (${RELAY})`,
    `CREATE POLICY outbox_relay_mark ON ${s}.outbox FOR UPDATE USING (${RELAY}) WITH CHECK (${RELAY})`,
    `CREATE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${channel}', '');
        RETURN NULL;
      END
    $$`,
    `CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`,
    `CREATE TABLE ${s}.processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      workspace_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
    `CREATE INDEX processed_events_processed_at_idx ON ${s}.processed_events (processed_at)`,
    `ALTER TABLE ${s}.processed_events ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${s}.processed_events FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY processed_events_tenant ON ${s}.processed_events USING (${TENANT}) WITH CHECK (${TENANT})`,
  ];
  const down = [
    `DROP TABLE ${s}.processed_events`,
    `DROP TRIGGER outbox_notify ON ${s}.outbox`,
    `DROP FUNCTION ${s}.outbox_notify()`,
    `DROP TABLE ${s}.outbox`,
  ];
  return { up, down };
}
