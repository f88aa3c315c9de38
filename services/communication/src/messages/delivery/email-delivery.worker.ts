import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, LOGGER, TenantDatabase, type Logger, WakeSignal, sleepUnlessAborted } from '@meridian/platform';
import { MessageEntity, SECRET_BEARING, type MessageStatus } from '../message.entity.js';
import { DeliveryCircuit } from './delivery-circuit.js';
import { classifyFailure } from './delivery-failure.js';
import { DELIVERY_SETTINGS, type DeliverySettings } from './delivery-settings.js';
import { EMAIL_TRANSPORT, type DeliveryReceipt, type EmailTransport } from './email-transport.js';
import { retryDelayMs } from './retry-policy.js';

/** A due message leased by this worker: `attempts` already counts the attempt about to run. */
interface Claim {
  id: string;
  workspaceId: string;
  attempts: number;
}

/** The rows of an UPDATE ... RETURNING, which TypeORM hands back as [rows, count]. */
const returnedRows = <T>(raw: unknown): T[] => (Array.isArray(raw) && Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]));

/**
 * Sends queued messages after their row is committed (the messages table is the queue).
 *
 * Why a queue table and not the event bus: delivery state belongs to the message (attempts,
 * last error, next attempt are what the outbox view shows), retries must tell a refused
 * recipient (fail now) from a provider outage (back off), and an outage must pause sending
 * as a whole (circuit breaker) instead of burning every message's attempts.
 *
 * Each loop leases a batch of due rows across workspaces (`FOR UPDATE SKIP LOCKED`, so
 * replicas share the work) in a short transaction that also counts the attempt; sends
 * happen outside any transaction, and each result is written back in the message's own
 * workspace. A crash mid-send leaves the lease to expire and the message is tried again:
 * delivery is at least once, with the same Message-ID on every attempt.
 */
@Injectable()
export class EmailDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly wakeSignal = new WakeSignal();
  private readonly circuit: DeliveryCircuit;
  private readonly log: Logger;
  /** Ends sleeps at once on shutdown. */
  private readonly halt = new AbortController();
  /** Aborts sends still in flight when the shutdown grace period is over. */
  private readonly abortSends = new AbortController();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly db: TenantDatabase,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'EmailDeliveryWorker' });
    this.circuit = new DeliveryCircuit(settings.circuitThreshold, settings.retryBaseMs, settings.circuitMaxOpenMs);
  }

  /** New work was committed: look for it now instead of at the next poll. */
  wake(): void {
    this.wakeSignal.wake();
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
    if (this.transport.kind === 'smtp') {
      this.transport.verify().then(
        () => this.log.info('SMTP server reachable; credentials accepted'),
        (err: unknown) => this.log.warn({ err }, 'SMTP server check failed; messages stay queued and are retried'),
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.halt.abort();
    this.wakeSignal.wake();
    const loop = this.loop ?? Promise.resolve();
    const finished = await Promise.race([loop.then(() => true), delay(this.settings.shutdownGraceMs).then(() => false)]);
    if (!finished) {
      this.abortSends.abort();
      await loop;
    }
    this.transport.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const allowed = this.circuit.allowance(this.transport.concurrency);
        if (allowed === 0) {
          await sleepUnlessAborted(this.circuit.msUntilProbe(), this.halt.signal);
          continue;
        }
        const claims = await this.claimDue(allowed);
        failures = 0;
        if (claims.length === 0) {
          await this.wakeSignal.sleep(this.settings.pollIntervalMs);
          continue;
        }
        const results = await Promise.allSettled(claims.map((claim) => this.deliver(claim)));
        for (const r of results) if (r.status === 'rejected') this.log.error({ err: r.reason }, 'Recording a delivery result failed');
      } catch (err) {
        failures += 1;
        this.log.error({ err }, 'Claiming due messages failed');
        await sleepUnlessAborted(retryDelayMs(failures, this.settings.pollIntervalMs, 30_000), this.halt.signal);
      }
    }
  }

  /** Leases up to `limit` due messages of any workspace and counts the attempt about to run. */
  private async claimDue(limit: number): Promise<Claim[]> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.email_delivery', 'on', true)`);
      // A materialized CTE, not `id IN (SELECT ... LIMIT)`: Postgres may re-run such a subquery
      // (with SKIP LOCKED each run finds other rows), leasing more than `limit` messages.
      const raw: unknown = await m.query(
        `WITH due AS MATERIALIZED (
           SELECT id FROM communication.messages
            WHERE status = 'queued' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
         UPDATE communication.messages AS msg
            SET locked_until = now() + make_interval(secs => $2::double precision / 1000),
                attempts = msg.attempts + 1,
                updated_at = date_trunc('milliseconds', clock_timestamp())
           FROM due
          WHERE msg.id = due.id
          RETURNING msg.id, msg.workspace_id AS "workspaceId", msg.attempts`,
        [limit, this.settings.leaseMs],
      );
      return returnedRows<Claim>(raw);
    });
  }

  private async deliver(claim: Claim): Promise<void> {
    const message = await this.db.inWorkspace(claim.workspaceId, (m) =>
      m.findOneBy(MessageEntity, { id: claim.id, workspaceId: claim.workspaceId, status: 'queued' }),
    );
    if (!message) return;
    const signal = AbortSignal.any([AbortSignal.timeout(this.settings.sendDeadlineMs), this.abortSends.signal]);
    let receipt: DeliveryReceipt;
    try {
      receipt = await this.transport.send(message, signal);
    } catch (error) {
      await this.recordFailure(claim, message, error);
      return;
    }
    this.circuit.recordProviderOk();
    await this.finish(claim, message, receipt.status, {
      providerMessageId: receipt.providerMessageId,
      lastError: null,
      sentAt: new Date(),
    });
    this.log.info(
      { messageId: claim.id, workspaceId: claim.workspaceId, attempt: claim.attempts, status: receipt.status },
      'Email delivered',
    );
  }

  private async recordFailure(claim: Claim, message: MessageEntity, error: unknown): Promise<void> {
    if (this.abortSends.signal.aborted) {
      // Shutdown cut the send short: not the provider's fault, so the attempt is given back.
      await this.update(claim, { lockedUntil: null, attempts: () => 'attempts - 1' });
      this.log.info({ messageId: claim.id, workspaceId: claim.workspaceId }, 'Send aborted by shutdown; message released');
      return;
    }
    const failure = classifyFailure(error, this.settings.sendDeadlineMs);
    if (failure.providerFault) this.circuit.recordProviderFault();
    else this.circuit.recordProviderOk();
    const context = { messageId: claim.id, workspaceId: claim.workspaceId, attempt: claim.attempts, error: failure.summary };
    if (failure.permanent || claim.attempts >= this.settings.maxAttempts) {
      await this.finish(claim, message, 'failed', { lastError: failure.summary });
      this.log.error({ ...context, permanent: failure.permanent }, 'Email delivery failed for good');
      return;
    }
    const wait = retryDelayMs(claim.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
    await this.update(claim, { lockedUntil: null, lastError: failure.summary, nextAttemptAt: new Date(Date.now() + wait) });
    this.log.warn({ ...context, retryInMs: wait }, 'Email delivery failed; will retry');
  }

  /** Terminal state; a secret-bearing body that went to a real server is dropped from storage. */
  private async finish(
    claim: Claim,
    message: MessageEntity,
    status: Exclude<MessageStatus, 'queued'>,
    patch: Partial<MessageEntity>,
  ): Promise<void> {
    const purge = status !== 'stored' && SECRET_BEARING.has(message.category);
    await this.update(claim, {
      ...patch,
      status,
      nextAttemptAt: null,
      lockedUntil: null,
      ...(purge ? { text: null, html: null, bodyPurgedAt: new Date() } : {}),
    });
  }

  private async update(claim: Claim, patch: Parameters<EntityManager['update']>[2]): Promise<void> {
    await this.db.inWorkspace(claim.workspaceId, (m) => this.updateIn(m, claim, patch));
  }

  /** Writes back only while the message is still queued: a result never overwrites a terminal state. */
  private async updateIn(m: EntityManager, claim: Claim, patch: Parameters<EntityManager['update']>[2]): Promise<void> {
    await m.update(
      MessageEntity,
      { id: claim.id, workspaceId: claim.workspaceId, status: 'queued' },
      { ...(patch as object), updatedAt: () => `date_trunc('milliseconds', clock_timestamp())` },
    );
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
