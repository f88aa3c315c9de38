import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, runWithContext, TenantDatabase, tableExport, type ExportSource, type Logger } from '@meridian/platform';
import { ExportArchive } from './export-archive.js';
import { EXPORT_TARGETS, type ExportTarget } from './export-targets.js';
import { WorkspaceExportEntity, type ExportSummary } from './workspace-export.entity.js';

export const EXPORTS_DIR = Symbol('EXPORTS_DIR');
const SWEEP_EVERY_MS = 5 * 60_000;
/** A running export updates its row at every step; silence this long means its runner died. */
const STALE_AFTER_MINUTES = 15;

/** What the users service itself holds for a workspace. */
const USERS_SOURCES: ExportSource[] = [
  {
    object: 'members',
    async *rows(workspaceId, db) {
      const rows: Record<string, unknown>[] = await db.inWorkspace(workspaceId, (m) =>
        m.query(
          `SELECT u.id, u.email, u.name, m.role, m.created_at AS "joinedAt"
             FROM users.memberships m JOIN users.users u ON u.id = m.user_id
            WHERE m.workspace_id = $1 ORDER BY m.created_at`,
          [workspaceId],
        ),
      );
      yield* rows;
    },
  },
  tableExport('audit_log', 'users', 'audit_log'),
  {
    object: 'preferences',
    async *rows(workspaceId, db) {
      const rows: Record<string, unknown>[] = await db.inWorkspace(workspaceId, (m) =>
        m.query(`SELECT user_id AS "userId", preferences, updated_at AS "updatedAt" FROM users.user_preferences WHERE workspace_id = $1`, [
          workspaceId,
        ]),
      );
      yield* rows;
    },
  },
];

/**
 * Runs workspace data exports one at a time in this process: the users service's own
 * data, then each service's ExportService stream, into one zip, updating progress.
 */
@Injectable()
export class WorkspaceExportRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: { workspaceId: string; exportId: string }[] = [];
  private running = false;
  private stopped = false;

  constructor(
    private readonly db: TenantDatabase,
    @Inject(EXPORT_TARGETS) private readonly targets: ExportTarget[],
    @Inject(EXPORTS_DIR) private readonly dir: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private sweeper?: NodeJS.Timeout;

  onApplicationBootstrap(): void {
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const t of this.targets) t.client?.close();
  }

  /** Fails exports whose runner stopped reporting (crash, restart) and deletes expired archives. */
  private async sweep(): Promise<void> {
    try {
      await this.db.dataSource.query(`SELECT users.fail_stale_workspace_exports($1::interval)`, [`${STALE_AFTER_MINUTES} minutes`]);
      const expired: { file_path: string }[] = await this.db.dataSource.query(
        `SELECT users.release_expired_workspace_exports() AS file_path`,
      );
      for (const { file_path } of expired) await rm(file_path, { force: true });
    } catch (err) {
      this.logger.warn({ context: WorkspaceExportRunner.name, err }, 'Export housekeeping failed; will retry');
    }
  }

  enqueue(workspaceId: string, exportId: string): void {
    this.queue.push({ workspaceId, exportId });
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped && this.queue.length) {
        const job = this.queue.shift()!;
        await runWithContext({ correlationId: `export-${job.exportId}`, workspaceId: job.workspaceId }, () =>
          this.run(job.workspaceId, job.exportId),
        );
      }
    } finally {
      this.running = false;
    }
  }

  private async update(workspaceId: string, id: string, patch: Partial<WorkspaceExportEntity>): Promise<void> {
    await this.db.inWorkspace(workspaceId, (m) =>
      m.update(WorkspaceExportEntity, { id, workspaceId }, { ...patch, updatedAt: new Date() } as never),
    );
  }

  /** Touches the row at most every 30 s while rows stream, so the sweeper sees a live runner. */
  private heartbeat(workspaceId: string, exportId: string): () => Promise<void> {
    let last = Date.now();
    return async () => {
      if (Date.now() - last < 30_000) return;
      last = Date.now();
      await this.update(workspaceId, exportId, {});
    };
  }

  private async run(workspaceId: string, exportId: string): Promise<void> {
    const beat = this.heartbeat(workspaceId, exportId);
    const path = join(this.dir, workspaceId, `${exportId}.zip`);
    const summary: ExportSummary = { objects: [], skipped: [] };
    const steps = 1 + this.targets.length;
    const archive = new ExportArchive(path);
    try {
      await this.update(workspaceId, exportId, { status: 'running', progress: 1 });
      for (const source of USERS_SOURCES) {
        await archive.beginObject(`users/${source.object}.json`);
        let count = 0;
        for await (const row of source.rows(workspaceId, this.db)) {
          await archive.addRow(JSON.stringify(row));
          if (++count % 1000 === 0) await beat();
        }
        summary.objects.push({ service: 'users', object: source.object, count });
      }
      await this.update(workspaceId, exportId, { progress: Math.round((1 / steps) * 95) });
      for (const [i, target] of this.targets.entries()) {
        if (!target.client) {
          summary.skipped.push({ service: target.service, reason: 'not configured in this deployment' });
          continue;
        }
        await this.exportService(archive, target, workspaceId, summary, beat);
        await this.update(workspaceId, exportId, { progress: Math.round(((i + 2) / steps) * 95) });
      }
      await archive.addJson('manifest.json', { workspaceId, exportId, generatedAt: new Date().toISOString(), ...summary });
      const size = await archive.finish();
      await this.update(workspaceId, exportId, {
        status: 'done',
        progress: 100,
        summary,
        filePath: path,
        sizeBytes: size,
        finishedAt: new Date(),
      });
      this.logger.info({ context: WorkspaceExportRunner.name, exportId, size, objects: summary.objects.length }, 'Workspace export ready');
    } catch (err) {
      this.logger.error({ context: WorkspaceExportRunner.name, err, exportId }, 'Workspace export failed');
      await archive.finish().catch(() => undefined);
      await rm(path, { force: true });
      await this.update(workspaceId, exportId, {
        status: 'failed',
        error: (err as Error).message.slice(0, 500),
        summary,
        finishedAt: new Date(),
      });
    }
  }

  private async exportService(
    archive: ExportArchive,
    target: ExportTarget,
    workspaceId: string,
    summary: ExportSummary,
    beat: () => Promise<void>,
  ): Promise<void> {
    let current: { object: string; count: number } | undefined;
    const close = () => current && summary.objects.push({ service: target.service, ...current });
    for await (const chunk of target.client!.serverStream<object, { object: string; jsonLines: string; count: number }>(
      'exportWorkspace',
      {},
      { workspaceId },
    )) {
      if (current?.object !== chunk.object) {
        close();
        current = { object: chunk.object, count: 0 };
        await archive.beginObject(`${target.service}/${chunk.object}.json`);
      }
      if (chunk.count) for (const line of chunk.jsonLines.split('\n')) await archive.addRow(line);
      current.count += chunk.count;
      await beat();
    }
    close();
    await archive.endObject();
  }
}
