import type { ImportObject, ImportOptions } from './dto/import.schemas.js';

export interface ImportRecordRow {
  id: string;
  object: ImportObject;
  status: 'queued' | 'running' | 'completed' | 'failed';
  file_name: string | null;
  file_bytes: string | number;
  options: ImportOptions;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  skipped_count: number;
  error_count: number;
  failure_reason: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  cursor_at?: string;
}

export const IMPORT_COLUMNS = `id, object, status, file_name, file_bytes, options, total_rows, processed_rows, created_count,
  updated_count, skipped_count, error_count, failure_reason, created_by, created_at, started_at, finished_at`;

/** The REST representation of an import (docs/crm-api.md "Import and export"). */
export interface ImportDto {
  id: string;
  object: ImportObject;
  status: ImportRecordRow['status'];
  fileName: string | null;
  fileBytes: number;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  errorCount: number;
  failureReason: string | null;
  dedupeBy: ImportOptions['dedupeBy'];
  onDuplicate: ImportOptions['onDuplicate'];
  createFields: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const importMapper = {
  toDto(r: ImportRecordRow): ImportDto {
    return {
      id: r.id,
      object: r.object,
      status: r.status,
      fileName: r.file_name,
      fileBytes: Number(r.file_bytes),
      totalRows: r.total_rows,
      processedRows: r.processed_rows,
      createdCount: r.created_count,
      updatedCount: r.updated_count,
      skippedCount: r.skipped_count,
      errorCount: r.error_count,
      failureReason: r.failure_reason,
      dedupeBy: r.options.dedupeBy,
      onDuplicate: r.options.onDuplicate,
      createFields: r.options.createFields,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      startedAt: r.started_at?.toISOString() ?? null,
      finishedAt: r.finished_at?.toISOString() ?? null,
    };
  },
};
