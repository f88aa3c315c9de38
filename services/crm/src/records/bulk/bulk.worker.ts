import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, LOGGER, TenantDatabase, type Logger, type Principal } from '@meridian/platform';
import { claimNext, QueueWorker, type Claim } from '../../shared/queue-worker.js';
import type { AnyRecordsService } from '../records.service.js';
import { SqlParams } from '../sql-params.js';
import { applyBulkAction } from './bulk-actions.js';
import type { BulkJobPayload } from './bulk.service.js';
import { recordServiceClass } from './record-services.js';

const BATCH = 200;
const LEASE_SECONDS = 120;

/**
 * Runs bulk jobs in batches of 200 records, each batch one workspace transaction that also
 * advances the job's progress and keyset position (`result.lastId`): a crash repeats at
 * most the batch in flight, and every action is idempotent (set owner, set tags, delete).
 */
@Injectable()
export class BulkWorker extends QueueWorker implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(LOGGER) logger: Logger,
    private readonly db: TenantDatabase,
    private readonly moduleRef: ModuleRef,
  ) {
    super(dataSource, logger.child({ context: 'BulkWorker' }), { name: 'bulk', pollMs: 2000 });
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  protected claimIn(m: EntityManager): Promise<Claim | undefined> {
    return claimNext(m, 'jobs', LEASE_SECONDS);
  }

  protected async process(claim: Claim): Promise<void> {
    const ws = claim.workspaceId;
    const [job]: { payload: BulkJobPayload; result: { affected: number; lastId?: string } | null }[] = await this.db.inWorkspace(ws, (m) =>
      m.query(`SELECT payload, result FROM crm.jobs WHERE workspace_id = $1 AND id = $2`, [ws, claim.id]),
    );
    if (!job) return;
    const { object, request, actor } = job.payload;
    const principal: Principal = { ...actor, workspaceId: ws };
    const service = this.moduleRef.get(recordServiceClass(object) as Type<AnyRecordsService>, { strict: false });
    let affected = job.result?.affected ?? 0;
    let lastId = job.result?.lastId;
    try {
      for (;;) {
        if (this.stopping) return; // the lease expires; the job resumes from lastId
        const done = await this.db.inWorkspace(ws, async (m) => {
          const ids = await this.nextIds(m, service, principal, job.payload, lastId);
          for (const id of ids) if (await applyBulkAction(m, service, principal, request, id)) affected++;
          lastId = ids[ids.length - 1] ?? lastId;
          await m.query(
            `UPDATE crm.jobs SET processed = processed + $3, result = $4::jsonb, locked_until = now() + make_interval(secs => $5)
             WHERE workspace_id = $1 AND id = $2`,
            [ws, claim.id, ids.length, JSON.stringify({ affected, lastId }), LEASE_SECONDS],
          );
          return ids.length < BATCH;
        });
        if (done) break;
      }
      await this.finish(ws, claim.id, 'completed', null);
    } catch (err) {
      this.log.error({ err, jobId: claim.id }, 'Bulk job failed');
      await this.finish(ws, claim.id, 'failed', err instanceof Error ? err.message.slice(0, 500) : 'Unexpected error');
    }
  }

  /** The next batch of ids in id order after `lastId`: from the request's list, or the filter. */
  private async nextIds(
    m: EntityManager,
    service: AnyRecordsService,
    principal: Principal,
    payload: BulkJobPayload,
    lastId: string | undefined,
  ): Promise<string[]> {
    if (payload.request.ids) {
      return [...new Set(payload.request.ids)]
        .sort()
        .filter((id) => !lastId || id > lastId)
        .slice(0, BATCH);
    }
    const params = new SqlParams();
    const filter = payload.request.filter as Parameters<typeof service.whereFor>[1];
    const custom = JSON.stringify(filter).includes('custom.') ? await service.fieldsFor(m, principal.workspaceId) : [];
    const where = service.whereFor(principal, filter, custom, params);
    const after = lastId ? ` AND r.id > ${params.add(lastId, 'uuid')}` : '';
    const rows: { id: string }[] = await m.query(
      `SELECT r.id FROM crm.${service.def.table} r WHERE ${where}${after} ORDER BY r.id LIMIT ${BATCH}`,
      params.values,
    );
    return rows.map((r) => r.id);
  }

  private async finish(ws: string, id: string, status: 'completed' | 'failed', reason: string | null): Promise<void> {
    await this.db.inWorkspace(ws, (m) =>
      m.query(
        `UPDATE crm.jobs SET status = $3, failure_reason = $4, finished_at = now(), locked_until = NULL WHERE workspace_id = $1 AND id = $2`,
        [ws, id, status, reason],
      ),
    );
  }
}
