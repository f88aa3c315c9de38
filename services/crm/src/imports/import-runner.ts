import { access, rm } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { DomainEvents, TenantDatabase, type Logger } from '@meridian/platform';
import { CsvSyntaxError, countRecords, isBlank, readCsv, type CsvRecord } from './csv-source.js';
import { ImportBatchWriter, type BatchContext, type BatchCounts, type RejectedRow } from './import-writer.js';
import { ImportSurvey, applySurvey, loadFieldDefinitions, planColumns } from './import-preparation.js';
import { convertRow, type ColumnPlan, type ConversionContext, type RowCandidate } from './import-rows.js';
import type { PipelinesService } from '../pipelines/pipelines.service.js';
import { PipelineIndex } from './pipeline-index.js';
import type { ImportSettings } from './import-settings.js';
import type { ImportObject, ImportOptions } from './dto/import.schemas.js';

/** Another worker took the import over (our lease expired): stop without writing. */
export class LeaseLostError extends Error {}

/** An import that cannot go on, with the reason the user sees. */
class ImportFailure extends Error {}

interface ImportRow {
  id: string;
  object: ImportObject;
  options: ImportOptions;
  file_path: string | null;
  created_by: string | null;
  processed_rows: number;
  created_at: Date;
}

/** How long an import whose file is on another replica's disk waits for that replica. */
const FILE_WAIT_MS = 15 * 60_000;
/** How long a replica leaves such an import alone before looking again. */
const DEFER_SECONDS = 15;

/**
 * Runs one claimed import to its end: a first pass over the file counts rows and finds
 * what createFields must add, a second pass converts and writes rows in batches. Each batch
 * commits its records, events, error lines and the progress counters together, guarded by
 * the expected `processed_rows`: a resumed import skips exactly the rows already committed,
 * and a worker whose lease was taken over cannot write twice.
 */
export class ImportRunner {
  private readonly log: Logger;

  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
    private readonly pipelineService: PipelinesService,
    private readonly settings: ImportSettings,
    logger: Logger,
    private readonly signal: AbortSignal,
  ) {
    this.log = logger.child({ context: 'ImportRunner' });
  }

  async run(importId: string, workspaceId: string): Promise<void> {
    const job = await this.db.inWorkspace(workspaceId, async (m) => {
      const rows = (await m.query(
        `SELECT id, object, options, file_path, created_by, processed_rows, created_at FROM crm.imports WHERE id = $1 AND status = 'running'`,
        [importId],
      )) as ImportRow[];
      return rows[0];
    });
    if (!job) return;
    if (!(await this.fileIsHere(job))) {
      // Uploaded to another replica's disk (IMPORTS_DIR not shared): hand it back for a while
      // so that replica's worker can take it, instead of failing it here.
      if (Date.now() - job.created_at.getTime() < FILE_WAIT_MS) {
        await this.defer(job.id, workspaceId);
        return;
      }
    }
    try {
      const counts = await this.process(job, workspaceId);
      await this.finish(job, workspaceId, counts);
    } catch (err) {
      if (err instanceof LeaseLostError || this.signal.aborted) throw err;
      const reason =
        err instanceof ImportFailure
          ? err.message
          : 'The import stopped on an unexpected error; nothing after the last saved batch was written.';
      if (!(err instanceof ImportFailure)) this.log.error({ err, importId, workspaceId }, 'Import failed');
      await this.markFailed(importId, workspaceId, reason);
    }
    if (job.file_path) await rm(job.file_path, { force: true });
  }

  private async fileIsHere(job: ImportRow): Promise<boolean> {
    return (
      job.file_path !== null &&
      (await access(job.file_path).then(
        () => true,
        () => false,
      ))
    );
  }

  private async defer(importId: string, workspaceId: string): Promise<void> {
    await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `UPDATE crm.imports SET status = CASE WHEN processed_rows = 0 THEN 'queued' ELSE status END,
                locked_until = now() + make_interval(secs => $2) WHERE id = $1 AND status = 'running'`,
        [importId, DEFER_SECONDS],
      ),
    );
  }

  private async process(job: ImportRow, workspaceId: string): Promise<BatchCounts> {
    const path = job.file_path;
    if (
      !path ||
      !(await access(path).then(
        () => true,
        () => false,
      ))
    )
      throw new ImportFailure('The uploaded file is no longer available; upload it again.');
    const options = job.options;
    const records = readCsv(path, options.delimiter);
    const header = await this.header(records);
    await records.return(undefined);
    const plans = planColumns(job.object, header, options);
    if (plans.length === 0) throw new ImportFailure(`No column of the file maps to a field of ${job.object}; check the mapping.`);

    let fields = await this.db.inWorkspace(workspaceId, (m) => loadFieldDefinitions(m, job.object));
    const survey = new ImportSurvey(job.object, plans, fields, options.createFields);
    // Only createFields needs the values up front; otherwise counting line ends is enough.
    if (options.createFields) await this.scan(path, options, (r) => survey.add(r.cells));
    else survey.totalRows = Math.max(0, (await countRecords(path)) - 1);
    let pipelines: PipelineIndex | null = null;
    await this.db.inWorkspace(workspaceId, async (m) => {
      if (job.object === 'deals') await this.pipelineService.ensureDefaultIn(m, workspaceId);
      if (options.createFields) await applySurvey(m, workspaceId, job.object, survey);
      fields = await loadFieldDefinitions(m, job.object);
      if (job.object === 'deals') pipelines = await PipelineIndex.load(m);
      await m.query(`UPDATE crm.imports SET total_rows = $2 WHERE id = $1`, [job.id, survey.totalRows]);
    });
    if (survey.totalRows === 0) throw new ImportFailure('The file has a header row but no data rows.');

    const conversion: ConversionContext = { object: job.object, columns: plans, headerCount: header.length, fields };
    const batch: BatchContext = {
      workspaceId,
      importId: job.id,
      userId: job.created_by,
      object: job.object,
      dedupeBy: options.dedupeBy,
      onDuplicate: options.onDuplicate,
      ownRecordsOnly: options.ownRecordsOnly === true,
      headerOf: headerOf(plans),
      pipelines,
    };
    return this.importRows(path, options, job, conversion, batch);
  }

  private async header(records: AsyncGenerator<CsvRecord>): Promise<string[]> {
    try {
      const first = await records.next();
      if (first.done || isBlank(first.value.cells)) throw new ImportFailure('The file is empty: the first row must name the columns.');
      return first.value.cells;
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw new ImportFailure(`Row 1 (the header) could not be read: ${err.message}`);
      throw err;
    }
  }

  /** Every data record after the header; a syntax error ends the file there, reported as that row's error. */
  private async scan(
    path: string,
    options: ImportOptions,
    each: (r: CsvRecord) => void | Promise<void>,
    onSyntax?: (e: CsvSyntaxError) => void,
  ): Promise<void> {
    try {
      for await (const record of readCsv(path, options.delimiter)) {
        if (record.row === 1) continue;
        await each(record);
      }
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      if (onSyntax) onSyntax(err);
      else await each({ row: err.row, cells: [] });
    }
  }

  private async importRows(
    path: string,
    options: ImportOptions,
    job: ImportRow,
    conversion: ConversionContext,
    ctx: BatchContext,
  ): Promise<BatchCounts> {
    let processed = job.processed_rows;
    let seen = 0;
    let candidates: RowCandidate[] = [];
    let rejected: RejectedRow[] = [];
    let pending = 0;
    // One batch is written while the next is parsed and converted: the database and this
    // process work at the same time. Batches still commit one after another, in file order.
    let inFlight: Promise<void> | null = null;
    const flush = async () => {
      if (pending === 0) return;
      if (this.signal.aborted) throw new LeaseLostError('Worker is shutting down.');
      const batch = { candidates, rejected, rows: pending };
      candidates = [];
      rejected = [];
      pending = 0;
      if (inFlight) await inFlight;
      const expected = processed;
      processed += batch.rows;
      inFlight = this.writeBatch(ctx, batch.candidates, batch.rejected, expected, batch.rows);
      // Observed by the next flush (or the end); the handler only keeps it from being "unhandled" meanwhile.
      inFlight.catch(() => undefined);
    };
    await this.scan(
      path,
      options,
      async (record) => {
        seen++;
        if (seen <= job.processed_rows) return;
        pending++;
        if (!isBlank(record.cells)) {
          const converted = convertRow(conversion, record.row, record.cells);
          if (Array.isArray(converted)) rejected.push({ row: record.row, issues: converted });
          else candidates.push(converted);
        }
        if (pending >= this.settings.batchRows) await flush();
      },
      (syntax) => {
        seen++;
        if (seen <= job.processed_rows) return;
        pending++;
        rejected.push({ row: syntax.row, issues: [{ column: null, reason: syntax.message }] });
      },
    );
    await flush();
    if (inFlight) await inFlight;
    return this.db.inWorkspace(ctx.workspaceId, async (m) => {
      const [row] = (await m.query(`SELECT created_count, updated_count, skipped_count, error_count FROM crm.imports WHERE id = $1`, [
        job.id,
      ])) as {
        created_count: number;
        updated_count: number;
        skipped_count: number;
        error_count: number;
      }[];
      return { created: row!.created_count, updated: row!.updated_count, skipped: row!.skipped_count, errors: row!.error_count };
    });
  }

  private async writeBatch(
    ctx: BatchContext,
    candidates: RowCandidate[],
    rejected: RejectedRow[],
    expected: number,
    rows: number,
  ): Promise<void> {
    await this.db.inWorkspace(ctx.workspaceId, async (m) => {
      const { counts, events } = await new ImportBatchWriter(m, ctx).write(candidates, rejected);
      if (events.length) await this.events.record(m, ...events);
      await this.advance(m, ctx.importId, expected, rows, counts);
    });
  }

  /** Progress and counters, only if no other worker moved this import on meanwhile. */
  private async advance(m: EntityManager, importId: string, expected: number, rows: number, c: BatchCounts): Promise<void> {
    const raw: unknown = await m.query(
      `UPDATE crm.imports SET processed_rows = processed_rows + $3, created_count = created_count + $4,
              updated_count = updated_count + $5, skipped_count = skipped_count + $6, error_count = error_count + $7,
              locked_until = now() + make_interval(secs => $8::double precision / 1000)
        WHERE id = $1 AND processed_rows = $2 AND status = 'running'`,
      [importId, expected, rows, c.created, c.updated, c.skipped, c.errors, this.settings.leaseMs],
    );
    const affected = Array.isArray(raw) ? (raw[1] as number) : 0;
    if (affected !== 1) throw new LeaseLostError(`Import ${importId} was taken over by another worker.`);
  }

  private async finish(job: ImportRow, workspaceId: string, c: BatchCounts): Promise<void> {
    const valid = c.created + c.updated + c.skipped;
    const failureReason =
      valid === 0 ? `None of the rows could be imported (${c.errors} rejected); download the errors file for the reasons.` : null;
    await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `UPDATE crm.imports SET status = $2, failure_reason = $3, finished_at = now(), locked_until = NULL, file_path = NULL
          WHERE id = $1 AND status = 'running'`,
        [job.id, failureReason ? 'failed' : 'completed', failureReason],
      ),
    );
    this.log.info({ importId: job.id, workspaceId, ...c }, failureReason ? 'Import failed: no valid row' : 'Import completed');
  }

  private async markFailed(importId: string, workspaceId: string, reason: string): Promise<void> {
    await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `UPDATE crm.imports SET status = 'failed', failure_reason = $2, finished_at = now(), locked_until = NULL, file_path = NULL
          WHERE id = $1 AND status = 'running'`,
        [importId, reason],
      ),
    );
  }
}

const headerOf = (plans: readonly ColumnPlan[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const p of plans) out[p.target] ??= p.header;
  return out;
};
