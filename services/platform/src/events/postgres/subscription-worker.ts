import type pg from 'pg';
import type { Logger } from 'pino';
import type { EventHandler } from '../event-bus.js';
import { HandlerRegistry } from '../handler-registry.js';
import type { EventEnvelope } from '../event-envelope.js';
import { WakeSignal, backoffMs, errorText } from '../timing.js';

export interface WorkerSettings {
  schema: string;
  subscription: string;
  maxAttempts: number;
  batchSize: number;
  pollIntervalMs: number;
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

interface ClaimedRow {
  event_id: string;
  type: string;
  envelope: EventEnvelope;
  attempts: number;
  last_error: string | null;
}

/**
 * Delivers one subscription's queue to its handlers.
 *
 * Ordering per subject: a row is claimable only if no earlier pending row of the same
 * subject exists in the queue. A row being retried stays pending (with a future
 * `run_after`) and a row being handled stays pending (with a lease), so a subject's
 * next event waits until the previous one is done or dead-lettered. Different subjects
 * run concurrently, up to `batchSize` at a time.
 *
 * Claiming increments `attempts` and takes a lease; completion is fenced on that attempt
 * number, so a handler that outlived its lease cannot overwrite a newer attempt.
 */
export class SubscriptionWorker {
  private readonly wake = new WakeSignal();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly handlers = new HandlerRegistry();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: WorkerSettings,
    private readonly logger: Logger,
  ) {}

  addHandler(type: string, handler: EventHandler): void {
    this.handlers.add(type, handler);
  }

  setMaxAttempts(maxAttempts: number): void {
    this.settings.maxAttempts = maxAttempts;
  }

  notify(): void {
    this.wake.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for in-flight handlers. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake.wake();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const rows = await this.claim();
        failures = 0;
        if (rows.length === 0) {
          await this.wake.sleep(this.settings.pollIntervalMs);
          continue;
        }
        await Promise.all(rows.map((row) => this.handle(row)));
      } catch (error) {
        failures += 1;
        this.logger.error({ err: error, subscription: this.settings.subscription }, 'event bus worker failed to claim');
        await this.wake.sleep(backoffMs(failures, this.settings.pollIntervalMs, 30_000));
      }
    }
  }

  private async claim(): Promise<ClaimedRow[]> {
    const { schema, subscription, batchSize, leaseMs } = this.settings;
    const { rows } = await this.pool.query<ClaimedRow>(
      `WITH next AS (
         SELECT m.subscription, m.event_id FROM ${schema}.messages m
         WHERE m.subscription = $1 AND m.state = 'pending'
           AND m.run_after <= now() AND (m.locked_until IS NULL OR m.locked_until < now())
           AND NOT EXISTS (
             SELECT 1 FROM ${schema}.messages p
             WHERE p.subscription = m.subscription AND p.subject = m.subject
               AND p.state = 'pending' AND p.seq < m.seq)
         ORDER BY m.seq
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       UPDATE ${schema}.messages u
       SET attempts = u.attempts + 1, locked_until = now() + $3 * interval '1 millisecond'
       FROM next WHERE u.subscription = next.subscription AND u.event_id = next.event_id
       RETURNING u.event_id, u.type, u.envelope, u.attempts, u.last_error`,
      [subscription, batchSize, leaseMs],
    );
    return rows;
  }

  private async handle(row: ClaimedRow): Promise<void> {
    const { subscription, maxAttempts } = this.settings;
    const log = { subscription, eventId: row.event_id, type: row.type, attempt: row.attempts };
    if (row.attempts > maxAttempts) {
      // The previous attempt's lease ran out: the worker died or the handler hung.
      await this.settle(row, 'dead', row.last_error ?? 'lease expired: the handler crashed or timed out');
      this.logger.error(log, 'event dead-lettered after its lease expired on the last attempt');
      return;
    }
    if (!this.handlers.has(row.type)) {
      // No handler in this process for the type any more: acknowledge and skip.
      await this.settle(row, 'done', null);
      return;
    }
    try {
      await this.handlers.run(row.envelope);
    } catch (error) {
      const text = errorText(error);
      if (row.attempts >= maxAttempts) {
        await this.settle(row, 'dead', text);
        this.logger.error({ ...log, err: error }, 'event dead-lettered');
      } else {
        const delay = backoffMs(row.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
        await this.retryLater(row, text, delay);
        this.logger.warn({ ...log, err: error, retryInMs: delay }, 'event handler failed; will retry');
      }
      return;
    }
    await this.settle(row, 'done', null);
  }

  private async settle(row: ClaimedRow, state: 'done' | 'dead', error: string | null): Promise<void> {
    const { schema, subscription } = this.settings;
    const result = await this.pool.query(
      `UPDATE ${schema}.messages SET state = $4, last_error = COALESCE($5, CASE WHEN $4 = 'done' THEN NULL ELSE last_error END),
         locked_until = NULL, finished_at = now()
       WHERE subscription = $1 AND event_id = $2 AND attempts = $3 AND state = 'pending'`,
      [subscription, row.event_id, row.attempts, state, error],
    );
    if (result.rowCount === 0) this.logger.warn({ subscription, eventId: row.event_id }, 'stale attempt: lease was taken over');
  }

  private async retryLater(row: ClaimedRow, error: string, delayMs: number): Promise<void> {
    const { schema, subscription } = this.settings;
    await this.pool.query(
      `UPDATE ${schema}.messages SET last_error = $4, locked_until = NULL,
         run_after = now() + $5 * interval '1 millisecond'
       WHERE subscription = $1 AND event_id = $2 AND attempts = $3 AND state = 'pending'`,
      [subscription, row.event_id, row.attempts, error, delayMs],
    );
    // Wake exactly when the retry is due rather than at the next poll.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wake.wake();
    }, delayMs + 5);
    timer.unref();
    this.timers.add(timer);
  }
}
