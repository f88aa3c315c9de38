import type pg from 'pg';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus.js';
import type { EventEnvelope } from './event-envelope.js';
import { PgListener } from './pg-listener.js';
import { outboxChannel, safeIdent } from './sql-ident.js';
import { WakeSignal, backoffMs, errorText, sleepUnlessAborted } from './timing.js';

export interface OutboxRelayOptions {
  /** Pool of the service's app role (subject to RLS; the relay policy opens all rows). */
  pool: pg.Pool;
  schema: string;
  bus: EventBus;
  logger: Logger;
  /** Rows per transaction (default 100). */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (default 1000 ms). */
  pollIntervalMs?: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  envelope: EventEnvelope;
}

/**
 * Publishes committed outbox rows to the bus in `seq` order, at least once.
 *
 * Several replicas may run: a transaction-scoped advisory lock lets one drain at a time
 * (the others return 0 and retry at the next wake), so per-subject order holds across
 * replicas; `FOR UPDATE SKIP LOCKED` additionally keeps any other reader off the rows.
 * Rows are marked published in the same transaction that locked them, so a crash after
 * publishing re-publishes the same ids (consumers dedupe by id) and never loses one.
 *
 * Ordering assumption: `seq` is assigned at INSERT, so two transactions writing events for
 * the same subject must be serialized (they are, when both lock the aggregate's row).
 */
export class OutboxRelay {
  private readonly schema: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly wake = new WakeSignal();
  /** Cut short only by stop(): failure backoff must not be skipped by NOTIFY wake-ups. */
  private stopped = new AbortController();
  private lastBatchFailed = false;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly listener: PgListener;

  constructor(private readonly options: OutboxRelayOptions) {
    this.schema = safeIdent(options.schema);
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.listener = new PgListener(options.pool, outboxChannel(this.schema), () => this.wake.wake(), options.logger, this.pollIntervalMs);
  }

  /** Publishes up to one batch; returns how many rows were published. */
  async drainOnce(): Promise<number> {
    const { pool, logger } = this.options;
    const client = await pool.connect();
    let published = 0;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.outbox_relay', 'on', true)`);
      const lock = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [
        `meridian.outbox.${this.schema}`,
      ]);
      if (!lock.rows[0]?.locked) {
        await client.query('COMMIT');
        return 0;
      }
      const { rows } = await client.query<OutboxRow>(
        `SELECT seq, id, envelope FROM ${this.schema}.outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      published = await this.publishInOrder(client, rows);
      await client.query('COMMIT');
      if (published > 0) logger.debug({ schema: this.schema, published }, 'outbox relayed');
      return published;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * One bus call for the whole batch (fast path). If it fails, parts may have been
   * accepted, so rows are re-published one by one in order to find the first failure;
   * that row keeps the error and the batch stops there so nothing overtakes it.
   */
  private async publishInOrder(client: pg.PoolClient, rows: OutboxRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const { bus, logger } = this.options;
    try {
      await bus.publish(rows.map((row) => row.envelope));
      await this.markPublished(
        client,
        rows.map((row) => row.seq),
      );
      return rows.length;
    } catch (batchError) {
      logger.warn({ err: batchError, schema: this.schema }, 'outbox batch publish failed; retrying row by row');
    }
    let done = 0;
    this.lastBatchFailed = true;
    for (const row of rows) {
      try {
        await bus.publish([row.envelope]);
      } catch (error) {
        await client.query(`UPDATE ${this.schema}.outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1`, [
          row.seq,
          errorText(error),
        ]);
        logger.error({ err: error, schema: this.schema, eventId: row.id, seq: row.seq }, 'outbox publish failed');
        break;
      }
      await this.markPublished(client, [row.seq]);
      done += 1;
    }
    if (done === rows.length) this.lastBatchFailed = false;
    return done;
  }

  private async markPublished(client: pg.PoolClient, seqs: string[]): Promise<void> {
    await client.query(
      `UPDATE ${this.schema}.outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
       WHERE seq = ANY($1::bigint[])`,
      [seqs],
    );
  }

  /** Starts the LISTEN client and the drain loop. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopped = new AbortController();
    await this.listener.start();
    this.loop = this.run();
  }

  /** Stops the loop after the current batch and releases the LISTEN client. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake.wake();
    this.stopped.abort();
    await this.loop;
    await this.listener.stop();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.lastBatchFailed = false;
        const published = await this.drainOnce();
        if (this.lastBatchFailed) {
          // The bus refused a row: back off (bounded) instead of retrying on every NOTIFY.
          failures += 1;
          await sleepUnlessAborted(backoffMs(failures, this.pollIntervalMs, 30_000), this.stopped.signal);
          continue;
        }
        failures = 0;
        if (published === this.batchSize) continue;
        await this.wake.sleep(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        this.options.logger.error({ err: error, schema: this.schema }, 'outbox relay drain failed');
        await sleepUnlessAborted(backoffMs(failures, this.pollIntervalMs, 30_000), this.stopped.signal);
      }
    }
  }
}
