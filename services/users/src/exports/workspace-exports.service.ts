import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ConflictError, NotFoundError, TenantDatabase, type Principal } from '@meridian/platform';
import { AuditLog, type RequestOrigin } from '../audit/audit-log.js';
import { WorkspaceExportEntity } from './workspace-export.entity.js';
import { WorkspaceExportRunner } from './workspace-export.runner.js';

const KEEP_DAYS = 7;

export interface WorkspaceExportDto {
  id: string;
  status: WorkspaceExportEntity['status'];
  progress: number;
  summary: WorkspaceExportEntity['summary'];
  sizeBytes: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
  downloadable: boolean;
}

const toDto = (e: WorkspaceExportEntity): WorkspaceExportDto => ({
  id: e.id,
  status: e.status,
  progress: e.progress,
  summary: e.summary,
  sizeBytes: e.sizeBytes === null ? null : Number(e.sizeBytes),
  error: e.error,
  createdAt: e.createdAt.toISOString(),
  finishedAt: e.finishedAt?.toISOString() ?? null,
  expiresAt: e.expiresAt.toISOString(),
  downloadable: e.status === 'done' && e.filePath !== null,
});

/** Workspace data export (owner): request, follow progress, download the archive. */
@Injectable()
export class WorkspaceExportsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly runner: WorkspaceExportRunner,
    private readonly audit: AuditLog,
  ) {}

  async request(principal: Principal, origin: RequestOrigin): Promise<WorkspaceExportDto> {
    const now = new Date();
    const created = await this.db.inWorkspace(principal.workspaceId, async (m) => {
      // One export at a time per workspace: it reads everything, twice would only cost.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`export:${principal.workspaceId}`]);
      const active = await m.count(WorkspaceExportEntity, {
        where: { workspaceId: principal.workspaceId, status: In(['queued', 'running']) },
      });
      if (active) throw new ConflictError('An export of this workspace is already in progress.');
      const row: WorkspaceExportEntity = {
        id: randomUUID(),
        workspaceId: principal.workspaceId,
        requestedBy: principal.userId,
        status: 'queued',
        progress: 0,
        summary: { objects: [], skipped: [] },
        filePath: null,
        sizeBytes: null,
        error: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        expiresAt: new Date(now.getTime() + KEEP_DAYS * 86_400_000),
      };
      await m.insert(WorkspaceExportEntity, row as never);
      await this.audit.recordIn(m, {
        action: 'workspace.exported',
        workspaceId: principal.workspaceId,
        actorUserId: principal.userId,
        actorApiKeyId: principal.apiKeyId ?? null,
        target: { type: 'workspace_export', id: row.id },
        ...origin,
      });
      return row;
    });
    this.runner.enqueue(principal.workspaceId, created.id);
    return toDto(created);
  }

  async list(principal: Principal): Promise<{ data: WorkspaceExportDto[]; nextCursor: null }> {
    const rows = await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.find(WorkspaceExportEntity, { where: { workspaceId: principal.workspaceId }, order: { createdAt: 'DESC' }, take: 20 }),
    );
    return { data: rows.map(toDto), nextCursor: null };
  }

  async get(principal: Principal, id: string): Promise<WorkspaceExportDto> {
    return toDto(await this.find(principal, id));
  }

  /** The archive's path and download name; only for a finished, unexpired export. */
  async archive(principal: Principal, id: string): Promise<{ path: string; fileName: string }> {
    const row = await this.find(principal, id);
    if (row.status !== 'done' || !row.filePath) throw new NotFoundError('Export archive');
    return { path: row.filePath, fileName: `meridian-export-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.zip` };
  }

  private async find(principal: Principal, id: string): Promise<WorkspaceExportEntity> {
    const row = await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.findOneBy(WorkspaceExportEntity, { id, workspaceId: principal.workspaceId }),
    );
    if (!row) throw new NotFoundError('Export');
    return row;
  }
}
