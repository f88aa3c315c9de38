import { z } from 'zod';
import { baseConfigSchema } from '@meridian/platform';

export const analyticsConfigSchema = baseConfigSchema.extend({
  /** Warehouse engine: DuckDB file on one machine (BigQuery adapter: planned, see README). */
  WAREHOUSE: z.enum(['duckdb']).default('duckdb'),
  DUCKDB_PATH: z.string().default('.meridian/warehouse.duckdb'),
});
export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
