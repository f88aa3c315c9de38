import { ownOnly as ownerOf } from '../shared/visibility.js';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import {
  NotFoundError,
  TenantDatabase,
  ValidationError,
  cursorAtSql,
  keysetCursor,
  type Page,
  type Principal,
  toPage,
} from '@meridian/platform';
import { csvCell } from '../exports/csv-cell.js';
import { autoMap, detectSource, targetProblem, type ExportSource } from './import-catalog.js';
import { detectDelimiter, detectFileDelimiter, parserOptions, type Delimiter } from './csv-source.js';
import { IMPORT_COLUMNS, importMapper, type ImportDto, type ImportRecordRow } from './import.mapper.js';
import { IMPORT_SETTINGS, type ImportSettings } from './import-settings.js';
import { ImportWorker } from './import.worker.js';
import type { UploadedFile } from './multipart-upload.js';
import type { ImportForm, ImportObject, ImportOptions, ListImportsQuery } from './dto/import.schemas.js';

export interface ImportPreview {
  headers: string[];
  rows: string[][];
  mapping: Record<string, string>;
  delimiter: Delimiter;
  source: ExportSource | null;
}

/** Imports the caller may see: all of the workspace's, or their own with 'team' visibility. */
const ownOnly = (p: Principal): string | null => ownerOf(p) ?? null;

const ERRORS_PAGE = 5000;

/** CSV imports: accept an upload as a queued import, report progress, stream the error file. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly worker: ImportWorker,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
  ) {}

  /** Queues an uploaded file; the same idempotency key returns the existing import (`created: false`). */
  async create(principal: Principal, form: ImportForm, file: UploadedFile): Promise<{ import: ImportDto; created: boolean }> {
    if (form.mapping) {
      const errors = Object.entries(form.mapping).flatMap(([header, target]) => {
        const problem = targetProblem(form.object, target);
        return problem ? [{ field: 'mapping', message: `${header}: ${problem}` }] : [];
      });
      if (errors.length) {
        await rm(file.path, { force: true });
        throw new ValidationError(errors.slice(0, 20));
      }
    }
    const options: ImportOptions = {
      mapping: form.mapping ?? null,
      createFields: form.createFields,
      dedupeBy: form.dedupeBy,
      onDuplicate: form.onDuplicate,
      delimiter: await detectFileDelimiter(file.path),
      ownRecordsOnly: principal.recordVisibility === 'team',
    };
    const result = await this.db.inWorkspace(principal.workspaceId, async (m) => {
      const inserted = (await m.query(
        `INSERT INTO crm.imports (id, workspace_id, object, file_name, file_path, file_bytes, options, idempotency_key, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
         ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING ${IMPORT_COLUMNS}`,
        [
          randomUUID(),
          principal.workspaceId,
          form.object,
          file.name,
          file.path,
          file.bytes,
          JSON.stringify(options),
          form.idempotencyKey ?? null,
          principal.userId,
        ],
      )) as ImportRecordRow[];
      if (inserted[0]) return { row: inserted[0], created: true };
      const existing = (await m.query(`SELECT ${IMPORT_COLUMNS} FROM crm.imports WHERE idempotency_key = $1`, [
        form.idempotencyKey,
      ])) as ImportRecordRow[];
      return { row: existing[0]!, created: false };
    });
    if (result.created) this.worker.wake();
    else await rm(file.path, { force: true });
    return { import: importMapper.toDto(result.row), created: result.created };
  }

  /** First rows, detected delimiter and the suggested mapping of a file's head (nothing is stored). */
  preview(head: Buffer, complete: boolean, object: ImportObject, createFields: boolean): ImportPreview {
    const text = head.toString('utf8');
    const delimiter = detectDelimiter(text);
    let records: string[][];
    try {
      // The head may end mid-row: parse whole lines only, unless the file ended there.
      const cut = complete ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
      records = parse(cut, { ...parserOptions(delimiter), to: 21 }) as string[][];
    } catch (err) {
      throw new ValidationError([{ field: 'file', message: `The file could not be read as CSV: ${(err as Error).message}`.slice(0, 300) }]);
    }
    const [headers, ...rows] = records;
    if (!headers) throw new ValidationError([{ field: 'file', message: 'The file is empty: the first row must name the columns.' }]);
    return { headers, rows, mapping: autoMap(object, headers, createFields), delimiter, source: detectSource(headers) };
  }

  async get(principal: Principal, id: string): Promise<ImportDto> {
    return importMapper.toDto(await this.find(principal, id));
  }

  async list(principal: Principal, query: ListImportsQuery): Promise<Page<ImportDto>> {
    const after = query.cursor ? keysetCursor.decode(query.cursor) : undefined;
    const own = ownOnly(principal);
    const rows = await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.query(
        `SELECT ${IMPORT_COLUMNS}, ${cursorAtSql('created_at')} AS cursor_at FROM crm.imports
          WHERE workspace_id = $1 AND ($2::uuid IS NULL OR created_by = $2)
            AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
          ORDER BY created_at DESC, id DESC LIMIT $5`,
        [principal.workspaceId, own, after?.at ?? null, after?.id ?? null, query.limit + 1],
      ),
    );
    return toPage(rows as (ImportRecordRow & { cursor_at: string })[], query.limit, importMapper.toDto);
  }

  /** Writes the import's error file (row, column, reason, value) to `out`, page by page. */
  async writeErrors(principal: Principal, id: string, out: Writable): Promise<void> {
    await this.find(principal, id);
    const csv = stringify({ header: true, columns: ['row', 'column', 'reason', 'value'] });
    csv.pipe(out);
    let after = { row: 0, reason: '' };
    for (;;) {
      const page = (await this.db.inWorkspace(principal.workspaceId, (m) =>
        m.query(
          `SELECT row_number, column_name, reason, raw FROM crm.import_errors
            WHERE import_id = $1 AND (row_number, reason) > ($2, $3)
            ORDER BY row_number, reason LIMIT $4`,
          [id, after.row, after.reason, ERRORS_PAGE],
        ),
      )) as { row_number: number; column_name: string | null; reason: string; raw: string | null }[];
      for (const e of page) {
        if (!csv.write([e.row_number, csvCell(e.column_name), csvCell(e.reason), csvCell(e.raw)]))
          await new Promise((r) => csv.once('drain', r));
      }
      const last = page[page.length - 1];
      if (!last || page.length < ERRORS_PAGE) break;
      after = { row: last.row_number, reason: last.reason };
    }
    await new Promise<void>((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
      csv.end();
    });
  }

  get maxBytes(): number {
    return this.settings.maxBytes;
  }

  get uploadDir(): string {
    return this.settings.dir;
  }

  private async find(principal: Principal, id: string): Promise<ImportRecordRow> {
    const own = ownOnly(principal);
    const rows = (await this.db.inWorkspace(principal.workspaceId, (m) =>
      m.query(`SELECT ${IMPORT_COLUMNS} FROM crm.imports WHERE id = $1 AND workspace_id = $2 AND ($3::uuid IS NULL OR created_by = $3)`, [
        id,
        principal.workspaceId,
        own,
      ]),
    )) as ImportRecordRow[];
    if (!rows[0]) throw new NotFoundError('Import');
    return rows[0];
  }
}
