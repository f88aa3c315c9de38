import { randomUUID } from 'node:crypto';
import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  NotFoundError,
  PermissionDeniedError,
  ROLE_PERMISSIONS,
  TenantDatabase,
  ValidationError,
  parseOrThrow,
  type Principal,
} from '@meridian/platform';
import { checkFilter } from '../filter.js';
import type { ObjectName } from '../object-definition.js';
import type { AnyRecordsService } from '../records.service.js';
import { SqlParams } from '../sql-params.js';
import { applyBulkAction } from './bulk-actions.js';
import { INLINE_LIMIT, type BulkJobDto, type BulkRequest } from './bulk.schemas.js';
import { BulkWorker } from './bulk.worker.js';
import { recordServiceClass } from './record-services.js';

interface JobRow {
  id: string;
  kind: string;
  status: BulkJobDto['status'];
  total: number;
  processed: number;
  result: { affected: number } | null;
  failure_reason: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** What a job remembers of its caller: enough to apply the same rules later. */
export interface BulkJobPayload {
  object: ObjectName;
  request: BulkRequest;
  actor: Pick<Principal, 'userId' | 'role' | 'recordVisibility'>;
}

/** Bulk update/delete/assign/tag: small id lists inline, large ones (or a filter) as a job. */
@Injectable()
export class BulkService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly moduleRef: ModuleRef,
    private readonly worker: BulkWorker,
  ) {}

  service(object: ObjectName): AnyRecordsService {
    return this.moduleRef.get(recordServiceClass(object) as Type<AnyRecordsService>, { strict: false });
  }

  async submit(
    principal: Principal,
    object: ObjectName,
    request: BulkRequest,
  ): Promise<{ affected: number } | { jobId: string; status: 'queued' }> {
    if (request.action === 'delete' && !ROLE_PERMISSIONS[principal.role].has('records.delete')) throw new PermissionDeniedError();
    const service = this.service(object);
    if (request.action === 'update') parseOrThrow(service.def.patchSchema, request.changes);
    const filter = request.filter !== undefined ? checkFilter(request.filter) : undefined;
    if (request.ids && request.ids.length <= INLINE_LIMIT) {
      const affected = await this.db.inWorkspace(principal.workspaceId, async (m) => {
        let n = 0;
        for (const id of new Set(request.ids)) if (await applyBulkAction(m, service, principal, request, id)) n++;
        return n;
      });
      return { affected };
    }
    const payload: BulkJobPayload = {
      object,
      request: { ...request, ...(filter ? { filter } : {}) },
      actor: { userId: principal.userId, role: principal.role, recordVisibility: principal.recordVisibility ?? 'all' },
    };
    const id = randomUUID();
    await this.db.inWorkspace(principal.workspaceId, async (m) => {
      let total = request.ids?.length ?? 0;
      if (filter) {
        const params = new SqlParams();
        const custom = JSON.stringify(filter).includes('custom.') ? await service.fieldsFor(m, principal.workspaceId) : [];
        const where = service.whereFor(principal, filter, custom, params);
        const [{ n }]: [{ n: number }] = await m.query(
          `SELECT count(*)::int AS n FROM crm.${service.def.table} r WHERE ${where}`,
          params.values,
        );
        total = n;
      }
      if (total === 0 && filter) throw new ValidationError([{ field: 'filter', message: 'No records match this filter.' }]);
      await m.query(`INSERT INTO crm.jobs (id, workspace_id, kind, payload, total, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`, [
        id,
        principal.workspaceId,
        `bulk.${object}.${request.action}`,
        JSON.stringify(payload),
        total,
        principal.userId,
      ]);
    });
    this.worker.wake();
    return { jobId: id, status: 'queued' };
  }

  async get(principal: Principal, jobId: string): Promise<BulkJobDto> {
    const rows: JobRow[] = await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.query(
        `SELECT id, kind, status, total, processed, result, failure_reason, created_at, finished_at FROM crm.jobs
         WHERE workspace_id = $1 AND id = $2 AND kind LIKE 'bulk.%' AND (created_by = $3 OR $4)`,
        [principal.workspaceId, jobId, principal.userId, principal.recordVisibility !== 'team'],
      ),
    );
    const job = rows[0];
    if (!job) throw new NotFoundError('Job');
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      total: job.total,
      processed: job.processed,
      result: job.result ? { affected: job.result.affected } : null,
      failureReason: job.failure_reason,
      createdAt: job.created_at.toISOString(),
      finishedAt: job.finished_at?.toISOString() ?? null,
    };
  }
}
