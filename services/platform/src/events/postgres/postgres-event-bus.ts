import pg from 'pg';
import type { Logger } from 'pino';
import type { DeadLetter, EventBus, EventHandler, SubscriptionOptions } from '../event-bus.js';
import { subscriptionName, topicForType, type EventEnvelope } from '../event-envelope.js';
import { PgListener } from '../pg-listener.js';
import { safeIdent } from '../sql-ident.js';
import { busChannel, busSchemaSql } from './bus-schema.js';
import { SubscriptionWorker } from './subscription-worker.js';

export interface PostgresEventBusOptions {
  /** Owner/migrator connection: the bus creates its own schema on start(). */
  connectionString: string;
  /** Schema of the bus tables (default `bus`). */
  schema?: string;
  logger: Logger;
  /** Connections for publishing and workers (default 10). */
  poolSize?: number;
  /** Fallback poll when no NOTIFY arrives (default 1000 ms). */
  pollIntervalMs?: number;
  /** Events of different subjects handled concurrently per subscription (default 10). */
  batchSize?: number;
  /** How long a delivery may run before another worker may take it over (default 60 s). */
  leaseMs?: number;
  /** Retry backoff: base doubles per attempt up to max, with jitter (default 1 s .. 60 s). */
  retryBackoff?: { baseMs: number; maxMs: number };
  /** Done rows are kept this long, which is also the per-queue dedupe window (default 7 days). */
  retentionMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The embedded-default bus: per-consumer queues in Postgres.
 *
 * Why not pg-boss: the installed pg-boss (10.x) has no per-key FIFO; its `singleton`
 * policy still lets a subject's next job run while the previous one waits in `retry`,
 * and jobs published in one transaction share `created_on`, so even fetch order is not
 * insertion order. Ordering per subject across retries is part of the contract, so the
 * bus keeps its own two tables (see bus-schema.ts) and borrows pg-boss's ideas: SKIP
 * LOCKED claiming, leases, LISTEN/NOTIFY wake-ups, exponential retry, dead-lettering.
 */
export class PostgresEventBus implements EventBus {
  private readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly listener: PgListener;
  private readonly workers = new Map<string, SubscriptionWorker>();
  private readonly subscriptionTypes = new Map<string, Set<string>>();
  private maintenance: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly options: PostgresEventBusOptions) {
    this.schema = safeIdent(options.schema ?? 'bus');
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    this.pool.on('error', (error) => options.logger.warn({ err: error }, 'event bus idle connection error'));
    this.listener = new PgListener(
      this.pool,
      busChannel(this.schema),
      () => this.workers.forEach((worker) => worker.notify()),
      options.logger,
      options.pollIntervalMs ?? 1000,
    );
  }

  async start(): Promise<void> {
    if (this.started) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Replicas booting together must not race on CREATE ... IF NOT EXISTS.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`meridian.bus.${this.schema}`]);
      for (const statement of busSchemaSql(this.schema)) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await this.listener.start();
    this.maintenance = setInterval(() => void this.purgeDone(), 60_000);
    this.maintenance.unref();
    this.started = true;
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const items = events.map((event) => ({ topic: topicForType(event.type), event }));
    // One statement: fan out to every subscription of the topic that wants the type, in
    // the given order (seq), skipping (subscription, event id) pairs already queued.
    await this.pool.query(
      `WITH ins AS (
         INSERT INTO ${this.schema}.messages (subscription, event_id, subject, type, envelope)
         SELECT s.name, (i.value->'event'->>'id')::uuid, i.value->'event'->>'subject', i.value->'event'->>'type', i.value->'event'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS i(value, n)
         JOIN ${this.schema}.subscriptions s
           ON s.topic = i.value->>'topic' AND (i.value->'event'->>'type') = ANY (s.types)
         ORDER BY i.n, s.name
         ON CONFLICT (subscription, event_id) DO NOTHING
         RETURNING 1)
       SELECT pg_notify($2, '') FROM (SELECT count(*) AS n FROM ins) c WHERE c.n > 0`,
      [JSON.stringify(items), busChannel(this.schema)],
    );
  }

  async subscribe(options: SubscriptionOptions, handler: EventHandler): Promise<void> {
    if (!this.started) throw new Error('PostgresEventBus.subscribe() before start()');
    if (options.types.length === 0) throw new Error(`Subscription of ${options.consumer} has no event types`);
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const byTopic = new Map<string, string[]>();
    for (const type of options.types) {
      const topic = topicForType(type);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), type]);
    }
    for (const [topic, types] of byTopic) {
      const name = subscriptionName(options.consumer, topic);
      const known = this.subscriptionTypes.get(name) ?? new Set<string>();
      types.forEach((type) => known.add(type));
      this.subscriptionTypes.set(name, known);
      await this.pool.query(
        `INSERT INTO ${this.schema}.subscriptions (name, consumer, topic, types, max_attempts) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET types = EXCLUDED.types, max_attempts = EXCLUDED.max_attempts, updated_at = now()`,
        [name, options.consumer, topic, [...known].sort(), maxAttempts],
      );
      let worker = this.workers.get(name);
      if (!worker) {
        worker = new SubscriptionWorker(
          this.pool,
          {
            schema: this.schema,
            subscription: name,
            maxAttempts,
            batchSize: this.options.batchSize ?? 10,
            pollIntervalMs: this.options.pollIntervalMs ?? 1000,
            leaseMs: this.options.leaseMs ?? 60_000,
            retryBaseMs: this.options.retryBackoff?.baseMs ?? 1000,
            retryMaxMs: this.options.retryBackoff?.maxMs ?? 60_000,
          },
          this.options.logger.child({ subscription: name }),
        );
        this.workers.set(name, worker);
      }
      worker.setMaxAttempts(maxAttempts);
      types.forEach((type) => worker.addHandler(type, handler));
      worker.start();
      this.options.logger.info({ subscription: name, topic, types: [...known] }, 'event subscription started');
    }
  }

  async deadLetters(consumer: string, limit = 100): Promise<DeadLetter[]> {
    const { rows } = await this.pool.query<{
      subscription: string;
      envelope: EventEnvelope;
      attempts: number;
      last_error: string | null;
      finished_at: Date;
    }>(
      `SELECT m.subscription, m.envelope, m.attempts, m.last_error, m.finished_at
       FROM ${this.schema}.messages m JOIN ${this.schema}.subscriptions s ON s.name = m.subscription
       WHERE s.consumer = $1 AND m.state = 'dead'
       ORDER BY m.finished_at DESC LIMIT $2`,
      [consumer, limit],
    );
    return rows.map((row) => ({
      event: row.envelope,
      subscription: row.subscription,
      attempts: row.attempts,
      error: row.last_error ?? '',
      deadAt: row.finished_at.toISOString(),
    }));
  }

  /** Back to pending with fresh attempts and a new seq: it queues behind its subject's current events. */
  async replayDeadLetter(consumer: string, eventId: string): Promise<boolean> {
    const result = await this.pool.query(
      `WITH replayed AS (
         UPDATE ${this.schema}.messages m
         SET state = 'pending', attempts = 0, run_after = now(), locked_until = NULL, finished_at = NULL,
           seq = nextval('${this.schema}.messages_seq')
         FROM ${this.schema}.subscriptions s
         WHERE s.name = m.subscription AND s.consumer = $1 AND m.event_id = $2 AND m.state = 'dead'
         RETURNING m.subscription)
       SELECT r.subscription, pg_notify($3, '') FROM replayed r`,
      [consumer, eventId, busChannel(this.schema)],
    );
    const replayed = (result.rowCount ?? 0) > 0;
    if (replayed) this.options.logger.info({ consumer, eventId }, 'dead letter replayed');
    return replayed;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async stop(): Promise<void> {
    if (this.maintenance) clearInterval(this.maintenance);
    this.maintenance = undefined;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
    await this.listener.stop();
    await this.pool.end();
    this.started = false;
  }

  private async purgeDone(): Promise<void> {
    const retentionMs = this.options.retentionMs ?? 7 * 24 * 3600 * 1000;
    try {
      await this.pool.query(
        `DELETE FROM ${this.schema}.messages WHERE state = 'done' AND finished_at < now() - $1 * interval '1 millisecond'`,
        [retentionMs],
      );
    } catch (error) {
      this.options.logger.warn({ err: error }, 'event bus purge failed');
    }
  }
}
