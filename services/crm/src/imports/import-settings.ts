import type { CrmConfig } from '../config.js';

/** The import worker's and upload's settings, from the crm config. */
export interface ImportSettings {
  dir: string;
  maxBytes: number;
  batchRows: number;
  leaseMs: number;
  pollIntervalMs: number;
}

export const IMPORT_SETTINGS = Symbol('IMPORT_SETTINGS');

export const importSettings = (config: CrmConfig): ImportSettings => ({
  dir: config.IMPORTS_DIR,
  maxBytes: config.IMPORT_MAX_BYTES,
  batchRows: config.IMPORT_BATCH_ROWS,
  leaseMs: config.IMPORT_LEASE_MS,
  pollIntervalMs: config.IMPORT_POLL_INTERVAL_MS,
});
