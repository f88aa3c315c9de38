import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { TenantDatabase } from '../database/tenant-database.js';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { currentContext, runWithContext } from '../logging/request-context.js';
import type { ExportSource } from './export-source.js';

export const EXPORT_SOURCES = Symbol('EXPORT_SOURCES');

interface ExportChunk {
  object: string;
  jsonLines: string;
  count: number;
}

const CHUNK_ROWS = 200;

/**
 * `<domain>.v1.ExportService/ExportWorkspace` for every service that declares export
 * sources: streams the caller's workspace's records as JSON-lines chunks.
 */
@Controller()
export class ExportGrpcController {
  constructor(
    @Inject(EXPORT_SOURCES) private readonly sources: ExportSource[],
    private readonly db: TenantDatabase,
  ) {}

  @GrpcMethod('ExportService', 'ExportWorkspace')
  exportWorkspace(): Observable<ExportChunk> {
    const ctx = currentContext();
    const workspaceId = ctx?.workspaceId;
    if (!ctx || !workspaceId) throw new UnauthenticatedError();
    return new Observable<ExportChunk>((subscriber) => {
      let cancelled = false;
      void runWithContext(ctx, async () => {
        try {
          for (const source of this.sources) {
            let lines: string[] = [];
            const flush = () => {
              subscriber.next({ object: source.object, jsonLines: lines.join('\n'), count: lines.length });
              lines = [];
            };
            for await (const row of source.rows(workspaceId, this.db)) {
              if (cancelled) return;
              lines.push(JSON.stringify(row));
              if (lines.length >= CHUNK_ROWS) flush();
            }
            flush(); // also marks objects with no rows, so the archive lists them
          }
          subscriber.complete();
        } catch (err) {
          subscriber.error(err);
        }
      });
      return () => {
        cancelled = true;
      };
    });
  }
}
