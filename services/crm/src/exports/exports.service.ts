import { Inject, Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { LOGGER, NotFoundError, TenantDatabase, ValidationError, type ClientOrigin, type Logger, type Principal } from '@meridian/platform';
import { checkFilter, type FilterGroup } from '../records/filter.js';
import type { ObjectName } from '../records/object-definition.js';
import type { RecordsService } from '../records/records.service.js';
import { recordServiceClass } from '../records/bulk/record-services.js';
import { csvCell } from './csv-cell.js';
import type { ExportRequest } from './dto/export.schemas.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any object's service, addressed by name
type AnyRecordsService = RecordsService<any, any, any>;

/** Rows per page read from the record engine: one short transaction each, so memory stays flat. */
const PAGE = 200;

/** An export ready to stream: the header row, then pages of CSV-safe rows. */
export interface ExportStream {
  fileName: string;
  header: string[];
  rows: AsyncGenerator<string[][]>;
}

interface ViewRow {
  filter: unknown;
  sort: string | null;
  columns: string[];
}

/**
 * CSV export of any object: the records a list with the same filter and sort would return
 * (record visibility included), paged through the record engine's keyset pagination.
 */
@Injectable()
export class ExportsService {
  private readonly log: Logger;

  constructor(
    private readonly db: TenantDatabase,
    private readonly moduleRef: ModuleRef,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'ExportsService' });
  }

  /** Validates the request and reads the first page, so a bad filter is a 400 before any byte is sent. */
  async open(principal: Principal, request: ExportRequest, origin: ClientOrigin): Promise<ExportStream> {
    const service = this.moduleRef.get(recordServiceClass(request.object) as Type<AnyRecordsService>, { strict: false });
    const view = request.viewId ? await this.view(principal, request.object, request.viewId) : undefined;
    const filterJson = request.filter ?? view?.filter ?? undefined;
    const filter: FilterGroup | undefined = filterJson === undefined || filterJson === null ? undefined : checkFilter(filterJson);
    const sort = request.sort ?? view?.sort ?? undefined;
    const columns = request.columns ?? (view?.columns.length ? view.columns : await this.defaultColumns(principal, service));
    this.checkColumns(service, columns);
    const query = (cursor: string | undefined) => ({
      limit: PAGE,
      total: false,
      ...(filter ? { filter: JSON.stringify(filter) } : {}),
      ...(sort ? { sort } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const first = await service.list(principal, query(undefined));
    this.log.info(
      {
        audit: 'records.exported',
        actorId: principal.userId,
        apiKeyId: principal.apiKeyId,
        workspaceId: principal.workspaceId,
        object: request.object,
        viewId: request.viewId,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
      'Records exported',
    );
    const toRow = (record: Record<string, unknown>) => columns.map((c) => csvCell(valueAt(record, c)));
    async function* rows(): AsyncGenerator<string[][]> {
      let page = first;
      for (;;) {
        yield (page.data as Record<string, unknown>[]).map(toRow);
        if (!page.nextCursor) return;
        page = await service.list(principal, query(page.nextCursor));
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    return { fileName: `${request.object}-${date}.csv`, header: columns.map(csvCell), rows: rows() };
  }

  private async view(principal: Principal, object: ObjectName, id: string): Promise<ViewRow> {
    const rows = (await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.query(
        `SELECT filter, sort, columns FROM crm.views WHERE id = $1 AND workspace_id = $2 AND object = $3 AND (shared OR owner_id = $4)`,
        [id, principal.workspaceId, object, principal.userId],
      ),
    )) as ViewRow[];
    if (!rows[0]) throw new NotFoundError('View');
    return rows[0];
  }

  /** Every standard field, then every custom field of the object. */
  private async defaultColumns(principal: Principal, service: AnyRecordsService): Promise<string[]> {
    const custom = await this.db.inWorkspace(principal.workspaceId, (m) => service.fieldsFor(m, principal.workspaceId));
    const extra = service.def.extraKeys.filter((k: string) => k !== 'custom');
    const standard = [...new Set(['id', ...service.def.fields.map((f) => f.key), ...extra])];
    return [...standard, ...custom.map((f) => `custom.${f.key}`)];
  }

  private checkColumns(service: AnyRecordsService, columns: readonly string[]): void {
    const known = new Set<string>(['id', ...service.def.fields.map((f) => f.key), ...service.def.extraKeys]);
    const unknown = columns.filter((c) => !known.has(c) && !/^custom\.[a-z][a-z0-9_]{0,62}$/.test(c));
    if (unknown.length) {
      throw new ValidationError([{ field: 'columns', message: `Unknown columns: ${unknown.map((c) => c.slice(0, 80)).join(', ')}.` }]);
    }
  }
}

/** A column's value in a record DTO: `custom.<key>` reads the custom object. */
function valueAt(record: Record<string, unknown>, column: string): unknown {
  if (column.startsWith('custom.')) return (record.custom as Record<string, unknown> | undefined)?.[column.slice(7)];
  return record[column];
}
