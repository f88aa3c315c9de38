import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { baseConfigSchema } from '@meridian/platform';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const crmConfigSchema = baseConfigSchema.extend({
  /** Where uploaded import files are kept while they are processed (a mounted volume in the cloud). */
  IMPORTS_DIR: z.string().min(1).default(join(tmpdir(), 'meridian-imports')),
  /** Largest CSV file an import accepts; a bigger upload is refused with 413. */
  IMPORT_MAX_BYTES: int(1024, 2 * 1024 * 1024 * 1024, 200 * 1024 * 1024),
  /** Rows written per transaction by the import worker (progress is committed per batch). */
  IMPORT_BATCH_ROWS: int(1, 10_000, 2000),
  /** How long a worker's claim on an import lasts without progress before another worker resumes it. */
  IMPORT_LEASE_MS: int(1000, 3_600_000, 60_000),
  /** How often the import worker looks for queued imports when nothing woke it. */
  IMPORT_POLL_INTERVAL_MS: int(10, 60_000, 1000),
});
export type CrmConfig = z.infer<typeof crmConfigSchema>;
