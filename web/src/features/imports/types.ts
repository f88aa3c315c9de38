import type { RecordObject } from '../records/types';

export type ImportObject = RecordObject;
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';
export type DedupeBy = 'email' | 'domain' | 'externalId' | 'none';
export type OnDuplicate = 'update' | 'skip';

/** POST /imports/preview: the file's first rows and the server's guess of the mapping. */
export interface ImportPreview {
  headers: string[];
  rows: string[][];
  /** CSV header → field key ('' = not imported). */
  mapping: Record<string, string>;
  delimiter: ',' | ';';
  /** The CRM the file seems to come from, when the headers give it away. */
  source?: 'hubspot' | 'salesforce' | 'pipedrive' | null;
}

export interface ImportJob {
  id: string;
  object: ImportObject;
  status: ImportStatus;
  fileName: string | null;
  totalRows: number | null;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  errorCount: number;
  failureReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface StartImportRequest {
  file: File;
  object: ImportObject;
  mapping: Record<string, string>;
  createFields: boolean;
  dedupeBy: DedupeBy;
  onDuplicate: OnDuplicate;
  idempotencyKey: string;
}
