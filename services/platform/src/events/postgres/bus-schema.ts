import { safeIdent } from '../sql-ident.js';

/** NOTIFY channel the bus signals when messages are queued, e.g. `bus_messages`. */
export function busChannel(schema: string): string {
  return `${safeIdent(schema)}_messages`;
}

/**
 * Idempotent DDL for the Postgres bus, run by `start()` with the owner role.
 *
 * - `subscriptions`: one row per consumer queue (`analytics.crm`), with the topic it
 *   listens to and the event types it wants; publish fans out to these (topic -> queues).
 * - `messages`: one row per (subscription, event id). The primary key deduplicates a
 *   re-published event per queue. `state` is pending -> done | dead; a pending row with a
 *   future `locked_until` is being handled (lease), one with a future `run_after` waits for
 *   its retry. `seq` orders delivery within a subject. Dead rows are the dead-letter queue
 *   (`deadLetterName(subscription)` in Pub/Sub terms) and keep the last error.
 */
export function busSchemaSql(schema: string): string[] {
  const s = safeIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.subscriptions (
      name text PRIMARY KEY,
      consumer text NOT NULL,
      topic text NOT NULL,
      types text[] NOT NULL,
      max_attempts integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX IF NOT EXISTS subscriptions_topic_idx ON ${s}.subscriptions (topic)`,
    `CREATE SEQUENCE IF NOT EXISTS ${s}.messages_seq`,
    `CREATE TABLE IF NOT EXISTS ${s}.messages (
      subscription text NOT NULL,
      event_id uuid NOT NULL,
      seq bigint NOT NULL DEFAULT nextval('${s}.messages_seq'),
      subject text NOT NULL,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      run_after timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz NULL,
      last_error text NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz NULL,
      PRIMARY KEY (subscription, event_id)
    )`,
    `CREATE INDEX IF NOT EXISTS messages_pending_idx ON ${s}.messages (subscription, seq) WHERE state = 'pending'`,
    `CREATE INDEX IF NOT EXISTS messages_subject_idx ON ${s}.messages (subscription, subject, seq) WHERE state = 'pending'`,
    `CREATE INDEX IF NOT EXISTS messages_dead_idx ON ${s}.messages (subscription, finished_at) WHERE state = 'dead'`,
    `CREATE INDEX IF NOT EXISTS messages_done_idx ON ${s}.messages (finished_at) WHERE state = 'done'`,
  ];
}
