import type pg from 'pg';
import type { Logger } from 'pino';
import { safeIdent } from './sql-ident.js';

/**
 * Holds one pooled connection in LISTEN on a channel and calls `onNotify` per
 * notification. If the connection drops it reconnects after `retryMs`; callers keep
 * polling meanwhile, and `onNotify` is also called after every (re)connect so work
 * committed while nobody listened is picked up.
 */
export class PgListener {
  private client: pg.PoolClient | undefined;
  private retry: NodeJS.Timeout | undefined;
  private active = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly logger: Logger,
    private readonly retryMs = 1000,
  ) {
    safeIdent(channel);
  }

  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.active = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.detach(client);
    try {
      await client.query('UNLISTEN *');
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
  }

  private async connect(): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const connected = client;
      connected.on('notification', this.notified);
      connected.on('error', (error) => this.lost(connected, error));
      await connected.query(`LISTEN "${this.channel}"`);
      if (!this.active) {
        // stop() ran while we were connecting.
        this.detach(connected);
        await connected.query('UNLISTEN *');
        connected.release();
        return;
      }
      this.client = client;
      this.onNotify();
    } catch (error) {
      if (client) this.lost(client, error);
      else this.reconnectLater(error);
    }
  }

  private readonly notified = (): void => this.onNotify();

  /** Removes our listeners before the client goes back to the pool. */
  private detach(client: pg.PoolClient): void {
    client.removeListener('notification', this.notified);
    // The pool adds its own idle 'error' listener on release, so ours can all go now.
    client.removeAllListeners('error');
  }

  private lost(client: pg.PoolClient, error: unknown): void {
    this.detach(client);
    if (this.client === client) this.client = undefined;
    try {
      client.release(error instanceof Error ? error : true);
    } catch {
      // Already released: nothing more to free.
    }
    this.reconnectLater(error);
  }

  private reconnectLater(error: unknown): void {
    if (!this.active || this.retry) return;
    this.logger.warn({ err: error, channel: this.channel }, 'LISTEN connection lost; reconnecting, polling meanwhile');
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.active) void this.connect();
    }, this.retryMs);
    this.retry.unref();
  }
}
