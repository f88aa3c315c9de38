import type { DataSource, EntityManager } from 'typeorm';
import { WakeSignal, sleepUnlessAborted, type Logger } from '@meridian/platform';

export interface QueueWorkerOptions {
  name: string;
  /** Idle poll interval (new work also wakes the worker at once through `wake()`). */
  pollMs: number;
}

/** A claimed row of a crm queue table (crm.jobs, crm.imports): its id and workspace. */
export interface Claim {
  id: string;
  workspaceId: string;
}

/**
 * The loop shared by crm's background workers: claim one due row across workspaces (only
 * with `app.crm_worker = on`, see the crm-core migration's worker policies), process it in
 * its workspace, repeat; sleep when idle; stop promptly on shutdown. A crashed worker's
 * lease (`locked_until`) expires and another picks the row up again.
 */
export abstract class QueueWorker {
  private readonly wakeSignal = new WakeSignal();
  /** Aborted on shutdown: long work passes its signal down to stop between steps. */
  protected readonly halt = new AbortController();
  private loop: Promise<void> | undefined;
  protected running = false;

  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly log: Logger,
    private readonly options: QueueWorkerOptions,
  ) {}

  /** Claims the next due row inside a worker transaction, or undefined when none is due. */
  protected abstract claimIn(m: EntityManager): Promise<Claim | undefined>;
  /** Processes a claimed row; should extend its lease while working. */
  protected abstract process(claim: Claim): Promise<void>;

  wake(): void {
    this.wakeSignal.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.halt.abort();
    this.wakeSignal.wake();
    await this.loop;
  }

  /** Whether the worker is shutting down (long jobs check it between batches). */
  protected get stopping(): boolean {
    return !this.running;
  }

  private async claim(): Promise<Claim | undefined> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.crm_worker', 'on', true)`);
      return this.claimIn(m);
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const claim = await this.claim();
        failures = 0;
        if (!claim) {
          await this.wakeSignal.sleep(this.options.pollMs);
          continue;
        }
        await this.process(claim);
      } catch (err) {
        failures += 1;
        this.log.error({ err, worker: this.options.name }, 'Background work failed; retrying');
        await sleepUnlessAborted(Math.min(30_000, this.options.pollMs * 2 ** Math.min(failures, 5)), this.halt.signal);
      }
    }
  }
}

/**
 * The claim statement for a queue table with status/locked_until columns: the oldest queued
 * or lease-expired running row, leased for `leaseSeconds`. A MATERIALIZED CTE so SKIP LOCKED
 * runs once (a plain subquery may be re-run and lease more than one row).
 */
export async function claimNext(
  m: EntityManager,
  table: 'jobs' | 'imports',
  leaseSeconds: number,
  extraSet = '',
): Promise<Claim | undefined> {
  const [rows]: [{ id: string; workspace_id: string }[], number] = await m.query(
    `WITH next AS MATERIALIZED (
       SELECT id FROM crm.${table}
       WHERE status IN ('queued', 'running') AND (locked_until IS NULL OR locked_until < now())
       ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     UPDATE crm.${table} t SET status = 'running', locked_until = now() + make_interval(secs => $1)${extraSet}
     FROM next WHERE t.id = next.id RETURNING t.id, t.workspace_id`,
    [leaseSeconds],
  );
  const row = rows[0];
  return row ? { id: row.id, workspaceId: row.workspace_id } : undefined;
}
