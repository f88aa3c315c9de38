import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, TenantDatabase, type Logger } from '@meridian/platform';
import { AuditLog } from './audit-log.js';

export const AUDIT_RETENTION_OPTIONS = Symbol('AUDIT_RETENTION_OPTIONS');

export interface AuditRetentionOptions {
  intervalMs: number;
  /** Delay of the first sweep after boot (spread so replicas do not start together). */
  firstRunDelayMs: number;
}

export interface PurgeResult {
  workspaceId: string;
  deleted: number;
}

/**
 * The retention sweep: for each workspace, deletes audit entries older than its retention
 * through `users.purge_audit_log` (the table is append-only for the app role) and records
 * the purge itself. Concurrent sweeps on several replicas delete each row once.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AUDIT_RETENTION_OPTIONS) private readonly options: AuditRetentionOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.options.firstRunDelayMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Purges every workspace's entries older than its retention (the cut-off is computed by the database clock). */
  async purgeExpired(): Promise<PurgeResult[]> {
    const policies: { workspace_id: string; retention_days: number }[] = await this.db.dataSource.query(
      `SELECT workspace_id, retention_days FROM users.audit_retention_policies()`,
    );
    const results: PurgeResult[] = [];
    for (const { workspace_id: workspaceId, retention_days: retentionDays } of policies) {
      const deleted = await this.db.inWorkspace(workspaceId, async (m) => {
        const [row] = (await m.query(
          `WITH cut AS (SELECT now() - make_interval(days => $2::int) AS before)
           SELECT cut.before, users.purge_audit_log($1, cut.before) AS n FROM cut`,
          [workspaceId, retentionDays],
        )) as { before: Date; n: string }[];
        const n = Number(row?.n ?? 0);
        if (n > 0) {
          await this.audit.recordIn(m, {
            action: 'audit.purged',
            workspaceId,
            metadata: { deleted: n, before: new Date(row!.before).toISOString(), retentionDays },
          });
        }
        return n;
      });
      if (deleted > 0) results.push({ workspaceId, deleted });
    }
    return results;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.purgeExpired()
        .then((results) => {
          if (results.length) this.logger.info({ context: 'AuditRetention', results }, 'Expired audit entries purged');
        })
        .catch((err: unknown) =>
          this.logger.error({ context: 'AuditRetention', err }, 'Audit retention sweep failed; retrying next interval'),
        )
        .finally(() => {
          if (this.timer) this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
